// (6) The workstation's 3D view: frames per second at 1280 × 800 under Mesa llvmpipe
// (Xvfb) with the phantom's bone, the old implant, the planned cup and screws, the
// designed print body and the lattice preview cube, the camera turning 3° a frame;
// against the same view with nothing in it (the frame's fixed cost: clear, labels,
// the blit into Qt's framebuffer) in the same process. Target: ≥ 20 fps.
// Run under xvfb-run (scripts/bench.sh does).
#include <benchmark/benchmark.h>

#include <QApplication>
#include <QElapsedTimer>
#include <vtkCamera.h>
#include <vtkRenderer.h>

#include <filesystem>

#include "bench_process.h"
#include "gui/app/scene_meshes.h"
#include "gui/app/scene_view.h"
#include "gui/app/vtk_view.h"
#include "gui/model/job_runner.h"
#include "tantalus/pipeline/case_setup.h"

namespace fs = std::filesystem;
using namespace tantalus;
using namespace tantalus::gui;

namespace {

// The phantom designed once (solid porous layer), its scene built as the window builds it.
std::shared_ptr<const SceneMeshes> phantomScene() {
  static std::shared_ptr<const SceneMeshes> scene;
  if (scene) return scene;
  JobRequest r;
  r.caseFile = pipeline::newCase(bench::phantomSeries(io::PhantomOptions{}) / "dicom");
  r.workDir = fs::temp_directory_path() / "tantalus-bench" / "gui-work";
  r.target = "design";
  const JobResult j = runJob(r, Progress::none());
  if (j.status != JobResult::Status::done) throw std::runtime_error("the phantom's design failed: " + j.error);
  scene = std::make_shared<SceneMeshes>(buildScene(j.products, r.caseFile, r.caseDir, 4.0, Progress::none()));
  return scene;
}

// Frames per second over `frames` frames, the camera turning 3° each.
double framesPerSecond(SceneView& v, int frames) {
  VtkView* view = v.view();
  auto waitFrame = [&] {
    const long before = view->frames();
    view->update();
    while (view->frames() == before) QApplication::processEvents(QEventLoop::AllEvents, 5);
  };
  for (int i = 0; i < 5; ++i) waitFrame();  // uploads, shaders
  QElapsedTimer t;
  t.start();
  for (int i = 0; i < frames; ++i) {
    view->surface().renderer()->GetActiveCamera()->Azimuth(3);
    waitFrame();
  }
  return frames / (double(t.nsecsElapsed()) / 1e9);
}

void BM_Gui3dFrameRateVsEmptyView(benchmark::State& state) {
  const auto scene = phantomScene();
  std::size_t shown = 0;
  for (const auto& o : scene->objects) {
    shown += o.shownFaces;
    state.counters["tri_" + o.name.substr(0, o.name.find(' '))] = double(o.shownFaces);
  }
  double fps = 0, empty = 0;
  for (auto _ : state) {
    SceneView v;
    v.resize(1280, 840);
    v.show();
    while (!v.view()->isExposed()) QApplication::processEvents(QEventLoop::AllEvents, 5);
    v.resize(1280, 800 + (v.height() - v.view()->height()));  // the view itself 1280 × 800 (the object bar above it)
    for (int i = 0; i < 20; ++i) QApplication::processEvents(QEventLoop::AllEvents, 5);
    empty = framesPerSecond(v, 60);
    v.setScene(scene);
    while (!v.settled()) QApplication::processEvents(QEventLoop::AllEvents, 5);
    v.resetCamera();
    fps = framesPerSecond(v, 120);
    state.SetIterationTime(120 / fps);
    state.counters["view_w"] = v.view()->width();
    state.counters["view_h"] = v.view()->height();
  }
  state.counters["fps"] = fps;
  state.counters["empty_fps"] = empty;
  state.counters["ratio"] = fps / empty;
  state.counters["triangles_shown"] = double(shown);
}
BENCHMARK(BM_Gui3dFrameRateVsEmptyView)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  // The lattice engine sits beside the tantalus executables, one folder up from bench/.
  const fs::path engine = fs::read_symlink("/proc/self/exe").parent_path().parent_path() / "libtantalus-lattice-engine.so";
  setenv("TANTALUS_LATTICE_ENGINE", engine.c_str(), 0);
  setDefaultSurfaceFormat();
  QApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
