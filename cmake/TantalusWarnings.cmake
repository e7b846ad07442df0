# Warnings for the project's own targets only (third-party headers are SYSTEM).
function(tantalus_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
endfunction()
