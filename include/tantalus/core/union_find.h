#pragma once
// Disjoint sets over 0..n-1 with path halving: the pieces of a mesh through its faces'
// vertices (topology, debris, shells).
#include <cstdint>
#include <numeric>
#include <vector>

namespace tantalus {

struct UnionFind {
  std::vector<std::int32_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::int32_t find(std::int32_t x) {
    while (parent[std::size_t(x)] != x) x = parent[std::size_t(x)] = parent[std::size_t(parent[std::size_t(x)])];
    return x;
  }
  void unite(std::int32_t a, std::int32_t b) { parent[std::size_t(find(a))] = find(b); }
};

}  // namespace tantalus
