#include "gui/app/job_controller.h"

#include <QPointer>

namespace tantalus::gui {

JobController::JobController(QObject* parent) : QObject(parent) {
  QPointer<JobController> self(this);
  runner_ = std::make_unique<JobRunner>([self](std::function<void()> f) {
    if (self) QMetaObject::invokeMethod(self.data(), std::move(f), Qt::QueuedConnection);
  });
}

JobController::~JobController() { shutdown(); }

void JobController::shutdown() {
  if (!runner_) return;
  runner_->cancel();
  runner_->join();
}

bool JobController::start(JobRequest request, double latticePreviewMm) {
  auto scene = std::make_shared<std::shared_ptr<const SceneMeshes>>();
  const CaseFile c = request.caseFile;
  const std::filesystem::path caseDir = request.caseDir;
  request.onWorker = [scene, c, caseDir, latticePreviewMm](const JobResult& r, const Progress& p) {
    *scene = std::make_shared<SceneMeshes>(buildScene(r.products, c, caseDir, latticePreviewMm, p));
  };
  return runner_->start(
      std::move(request),
      [this](double f, const std::string& m) { emit progress(f, QString::fromStdString(m)); },
      [this, scene](const JobResult& r) { emit finished(AppliedJob{r, *scene}); });
}

}  // namespace tantalus::gui
