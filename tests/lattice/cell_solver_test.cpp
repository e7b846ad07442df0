#include <gtest/gtest.h>

#include <filesystem>

#include "tantalus/core/error.h"
#include "tantalus/core/resources.h"
#include "tantalus/lattice/cell_solver.h"
#include "tantalus/lattice/lattice_report.h"
#include "tantalus/lattice/machine_profile.h"

using namespace tantalus;
using namespace tantalus::lattice;

TEST(CellSolver, WindowReadingOf600umAt80PercentGivesA234AndD0356) {
  const CellGeometry c = solveCell(0.6, 0.80, PoreDefinition::Window);
  EXPECT_NEAR(c.cellMm, 2.34, 0.01 * 2.34);
  EXPECT_NEAR(c.strutMm, 0.356, 0.01 * 0.356);
  const PoreReadings p = poreReadings(c);
  EXPECT_NEAR(p.windowMm, 0.6, 1e-9);
  EXPECT_NEAR(solidFractionFit(c.ratio()), 0.20, 1e-9);
  EXPECT_GT(p.cellSphereMm, p.windowMm);
}

TEST(CellSolver, CellSphereReadingGivesD0137) {
  const CellGeometry c = solveCell(0.6, 0.80, PoreDefinition::CellSphere);
  EXPECT_NEAR(c.cellMm, 0.90, 0.01 * 0.90);
  EXPECT_NEAR(c.strutMm, 0.137, 0.01 * 0.137);
  EXPECT_NEAR(poreReadings(c).cellSphereMm, 0.6, 1e-9);
}

TEST(CellSolver, FitAgreesWithNumericalIntegrationOfTheCapsuleNetwork) {
  for (const double x : {0.10, 0.152, 0.25}) {
    const double integrated = integrateSolidFraction(x, 200000);
    EXPECT_NEAR(integrated, solidFractionFit(x), 0.002) << "x = " << x;
  }
}

TEST(CellSolver, RejectsImpossiblePorosityAndPore) {
  EXPECT_THROW(solveCell(0.6, 0.0, PoreDefinition::Window), Error);
  EXPECT_THROW(solveCell(0.6, 1.0, PoreDefinition::Window), Error);
  EXPECT_THROW(solveCell(0.6, 0.05, PoreDefinition::Window), Error);  // windows would close
  EXPECT_THROW(solveCell(0.0, 0.8, PoreDefinition::Window), Error);
  EXPECT_THROW(solveCell(-1.0, 0.8, PoreDefinition::Window), Error);
  EXPECT_THROW(parsePoreDefinition("tb-sp"), Error);
}

TEST(MachineProfile, EveryProfileLoadsAndCitesItsSources) {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(resourceDir() / "machines")) {
    if (e.path().extension() != ".json") continue;
    const MachineProfile m = loadMachineProfile(e.path().stem().string());
    EXPECT_GT(m.minStrutMm, 0.0);
    EXPECT_GT(m.minPoreMm, 0.0);
    EXPECT_GT(m.layerUm, 0.0);
    EXPECT_LT(m.powderMinUm, m.powderMaxUm);
    ++n;
  }
  EXPECT_GE(n, 2);
  const MachineProfile eb = loadMachineProfile("ebpbf-ti6al4v");
  EXPECT_DOUBLE_EQ(eb.minStrutMm, 0.30);
  EXPECT_DOUBLE_EQ(eb.minPoreMm, 0.30);
  EXPECT_DOUBLE_EQ(eb.powderMinUm, 45);
  EXPECT_DOUBLE_EQ(eb.powderMaxUm, 105);
  EXPECT_DOUBLE_EQ(eb.layerUm, 50);
  EXPECT_THROW(parseMachineProfile(R"({"minStrutMm": {"value": 0.3}})", "x.json"), Error);  // no source
}

TEST(LatticeDesign, CellSphereIsRefusedForEbpbfWithPrintableSuggestions) {
  LatticeParams p;
  p.definition = "cell-sphere";
  try {
    designLattice(p, false);
    FAIL() << "expected a refusal";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("0.137"), std::string::npos) << e.what();
    EXPECT_NE(e.hint().find("--pore-um"), std::string::npos) << e.hint();
  }
  const PrintabilityCheck c = checkPrintable(0.6, 0.8, PoreDefinition::CellSphere, loadMachineProfile("ebpbf-ti6al4v"));
  ASSERT_FALSE(c.printable);
  // The suggested pore prints: d >= 0.30 mm at the same porosity.
  const CellGeometry s = solveCell(c.suggestedPoreUm / 1000, 0.8, PoreDefinition::CellSphere);
  EXPECT_GE(s.strutMm, 0.30);
  EXPECT_LT(s.strutMm, 0.31);
  // --force builds it with the problems as warnings.
  const LatticeDesign forced = designLattice(p, true);
  EXPECT_TRUE(forced.forced);
  ASSERT_FALSE(forced.warnings.empty());
  EXPECT_NEAR(forced.cell.strutMm, 0.137, 0.002);
}

TEST(LatticeDesign, WindowDefaultIsPrintableAndReportsAllReadings) {
  const LatticeDesign d = designLattice(LatticeParams{}, false);
  EXPECT_TRUE(d.printability.printable);
  EXPECT_TRUE(d.warnings.empty());
  EXPECT_NEAR(d.pores.windowMm, 0.6, 1e-9);
  EXPECT_NEAR(d.predictedPorosity, 0.80, 1e-9);
  LatticeReportInputs in;
  in.design = &d;
  const std::string json = latticeReportJson(in);
  for (const char* key : {"cellEdgeMm", "strutDiameterMm", "windowMm", "cellSphereMm", "tbSpEstimateMm", "nodes", "struts"})
    EXPECT_NE(json.find(key), std::string::npos) << key;
}
