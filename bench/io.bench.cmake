tantalus_bench(NAME bench_import SOURCES bench_import.cpp LIBS tantalus_io)
tantalus_bench(NAME bench_segment SOURCES bench_segment.cpp LIBS tantalus_io tantalus_segment tantalus_meshing)
