tantalus_bench(NAME bench_plan SOURCES bench_plan.cpp LIBS tantalus_io nlohmann_json::nlohmann_json)
target_compile_definitions(bench_plan PRIVATE TANTALUS_CLI_PATH="$<TARGET_FILE:tantalus_cli>")
add_dependencies(bench_plan tantalus_cli)
