#pragma once
// The 3D view: the scene's objects as VTK actors in a VtkView, with a visibility box
// and an opacity slider per object, and a cross-section: an axial, coronal or sagittal
// plane through the cursor clips every object (their insides darker) and their outlines
// in the plane are drawn in red. The plan's cup handles (its centre, its axis tip, a rim
// point: gui/model/plan_handles.h) are spheres dragged in the view's plane through them.
// The camera starts anterior (the patient's right on the
// screen's left), superior up, framing everything.
#include <Eigen/Core>
#include <QWidget>
#include <map>
#include <optional>
#include <memory>

#include "gui/app/scene_meshes.h"
#include "gui/model/plan_handles.h"

class QToolButton;
class QTimer;
class vtkActor;
class vtkPlane;
class vtkRenderer;
class vtkCornerAnnotation;
class vtkOrientationMarkerWidget;

namespace tantalus::gui {

class VtkView;

class SceneView : public QWidget {
  Q_OBJECT
public:
  explicit SceneView(QWidget* parent = nullptr);
  ~SceneView() override;
  // Keeps the camera unless there was no bone; an object whose mesh is unchanged keeps
  // its actor (no upload), new ones are added one per frame (no long frame).
  void setScene(std::shared_ptr<const SceneMeshes> scene);
  bool settled() const { return pending_.empty(); }
  void resetCamera();
  void setVisible(const std::string& object, bool visible);
  void setOpacity(const std::string& object, double opacity);
  enum class Section { off, axial, coronal, sagittal };
  void setSection(Section s, bool flipped = false);
  void setSectionCentre(const Eigen::Vector3d& lps);
  Section section() const { return section_; }
  std::size_t sectionOutlinePoints() const { return outlinePoints_; }
  void setHandles(const std::vector<PlanHandle>& handles);  // none: no current plan
  // Where a handle is on screen (device pixels from the top-left), for tests.
  std::optional<Eigen::Vector2d> handleOnScreen(const std::string& id) const;
  VtkView* view() const { return view_; }

signals:
  void handleMoving(const QString& id, const Eigen::Vector3d& lps);
  void handleDropped(const QString& id, const Eigen::Vector3d& lps);

public:
  const SceneMeshes* scene() const { return scene_.get(); }

private:
  void rebuildControls();
  void addPending();
  void warmUp();
  void applySection();  // the clipping and the outline, for the actors there are
  void buildSectionMenu(QToolButton* b);
  bool onMouse(int kind, int x, int y);  // VtkView's filter: a handle picked, dragged, dropped
  Eigen::Vector3d worldAt(int x, int y, double displayZ) const;
  VtkView* view_;        // owned by its container
  QWidget* container_;
  QToolButton* objects_;
  QTimer* adder_;
  std::shared_ptr<const SceneMeshes> scene_;
  std::vector<const SceneObject*> pending_;     // added one per frame: each frame uploads one mesh
  std::map<std::string, vtkActor*> actors_;     // owned by the renderer
  std::map<std::string, std::string> shownFingerprint_;
  std::map<std::string, std::pair<bool, double>> userState_;  // kept across scenes
  vtkCornerAnnotation* labels_ = nullptr;
  Section section_ = Section::off;
  bool flipped_ = false;
  Eigen::Vector3d sectionCentre_ = Eigen::Vector3d::Zero();
  vtkSmartPointer<vtkPlane> plane_;
  vtkActor* outline_ = nullptr;  // owned by the renderer
  std::size_t outlinePoints_ = 0;
  std::vector<PlanHandle> handles_;
  vtkSmartPointer<vtkRenderer> handleLayer_;  // over the scene's renderer
  std::vector<vtkActor*> handleActors_;  // owned by handleLayer_, one per handle
  vtkActor* axisLine_ = nullptr;
  int dragging_ = -1;
  bool dragMoved_ = false;
  double dragDepth_ = 0;                 // the handle's display depth: it moves in that plane
  Eigen::Vector3d dragAt_;
};

}  // namespace tantalus::gui
