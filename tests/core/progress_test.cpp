#include <gtest/gtest.h>

#include <vector>

#include "tantalus/core/error.h"
#include "tantalus/core/progress.h"

using namespace tantalus;

TEST(Progress, SubRangesMapOntoTheParent) {
  std::vector<double> seen;
  Progress p([&](double f, const std::string&) { seen.push_back(f); });
  Progress child = p.sub(0.5, 1.0);
  child.report(0.5);
  child.sub(0.0, 0.5).report(1.0);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_DOUBLE_EQ(seen[0], 0.75);
  EXPECT_DOUBLE_EQ(seen[1], 0.75);
}

TEST(Progress, CancelReachesEveryViewAndThrows) {
  Progress p;
  Progress child = p.sub(0.2, 0.4);
  EXPECT_NO_THROW(child.check());
  p.cancel();
  EXPECT_THROW(child.check(), Cancelled);
  EXPECT_THROW(child.report(0.1), Cancelled);
}
