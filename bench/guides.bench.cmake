tantalus_bench(NAME bench_guides SOURCES bench_guides.cpp
  LIBS tantalus_guides tantalus_machining tantalus_meshing tantalus_segment tantalus_io)
