tantalus_bench(NAME bench_import SOURCES bench_import.cpp LIBS tantalus_io)
tantalus_bench(NAME bench_segment SOURCES bench_segment.cpp LIBS tantalus_io tantalus_segment tantalus_meshing)
target_compile_definitions(bench_import PRIVATE TANTALUS_CLI_PATH="$<TARGET_FILE:tantalus_cli>")
add_dependencies(bench_import tantalus_cli)
