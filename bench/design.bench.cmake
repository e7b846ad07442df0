tantalus_bench(NAME bench_design SOURCES bench_design.cpp
  LIBS tantalus_io tantalus_machining tantalus_meshing tantalus_plan tantalus_lattice nlohmann_json::nlohmann_json)
target_compile_definitions(bench_design PRIVATE TANTALUS_CLI_PATH="$<TARGET_FILE:tantalus_cli>")
add_dependencies(bench_design tantalus_cli)
