# Sanitized builds of the project's own code.
#  TANTALUS_SANITIZE=ON  AddressSanitizer + UndefinedBehaviorSanitizer on every target
#                        (`make test SANITIZE=1` builds into build-sanitize/ and runs the
#                        whole suite; any report fails the test).
#  TANTALUS_FUZZ=ON      clang's libFuzzer targets in fuzz/ (`make fuzz`), the project's
#                        code instrumented for coverage, ASan and UBSan.
option(TANTALUS_SANITIZE "Build with -fsanitize=address,undefined" OFF)
option(TANTALUS_FUZZ "Build the libFuzzer targets (clang only)" OFF)

if(TANTALUS_SANITIZE OR TANTALUS_FUZZ)
  set(_san -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  # vptr checks need RTTI of every class crossing the library boundary (ITK, VTK are not instrumented).
  list(APPEND _san -fno-sanitize=vptr)
  add_compile_options(${_san} -g)
  add_link_options(${_san})
endif()
if(TANTALUS_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "TANTALUS_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
