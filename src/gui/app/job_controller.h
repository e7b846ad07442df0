#pragma once
// The JobRunner on Qt's event loop: the worker's progress and results are queued to
// the UI thread (dropped if this object is gone), and the display meshes are built on
// the worker too, so applying a result never stalls the UI.
#include <QObject>
#include <memory>

#include "gui/app/scene_meshes.h"
#include "gui/model/job_runner.h"

namespace tantalus::gui {

struct AppliedJob {
  JobResult result;
  std::shared_ptr<const SceneMeshes> scene;  // null: the job failed or was cancelled
};

class JobController : public QObject {
  Q_OBJECT
public:
  explicit JobController(QObject* parent = nullptr);
  ~JobController() override;
  // False while a job runs. `latticePreviewMm` > 0: the scene gets a lattice cube.
  bool start(JobRequest request, double latticePreviewMm);
  void cancel() { runner_->cancel(); }
  void cancelAndWait() { runner_->cancelAndWait(); }
  bool busy() const { return runner_->busy(); }
  void shutdown();  // cancels and waits for the worker

signals:
  void progress(double fraction, const QString& message);
  void finished(const tantalus::gui::AppliedJob& job);

private:
  std::unique_ptr<JobRunner> runner_;
};

}  // namespace tantalus::gui
