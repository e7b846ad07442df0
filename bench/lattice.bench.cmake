# Lattice engine benchmarks: strut fill vs OpenVDB's sphere, the 60x60x40 mm block, 3MF vs STL.
tantalus_bench(NAME bench_lattice SOURCES bench_lattice.cpp LIBS tantalus_lattice)
