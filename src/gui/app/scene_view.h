#pragma once
// The 3D view: the scene's objects as VTK actors in a VtkView, with a visibility box
// and an opacity slider per object, and a cross-section: an axial, coronal or sagittal
// plane through the cursor clips every object (their insides darker) and their outlines
// in the plane are drawn in red. The camera starts anterior (the patient's right on the
// screen's left), superior up, framing everything.
#include <Eigen/Core>
#include <QWidget>
#include <map>
#include <memory>

#include "gui/app/scene_meshes.h"

class QToolButton;
class QTimer;
class vtkActor;
class vtkPlane;
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
  VtkView* view() const { return view_; }
  const SceneMeshes* scene() const { return scene_.get(); }

private:
  void rebuildControls();
  void addPending();
  void warmUp();
  void applySection();  // the clipping and the outline, for the actors there are
  void buildSectionMenu(QToolButton* b);
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
};

}  // namespace tantalus::gui
