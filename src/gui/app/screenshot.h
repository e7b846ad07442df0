#pragma once
// A picture of a view of the window: the 3D view from its framebuffer, a slice view
// or the whole window as drawn.
#include <QImage>
#include <QString>

namespace tantalus::gui {

class MainWindow;
QImage grabView(MainWindow& w, const QString& view);  // 3d | axial | coronal | sagittal | all
// Writes a PNG; false with a reason on stderr when it cannot.
bool saveScreenshot(MainWindow& w, const QString& view, const QString& file);

}  // namespace tantalus::gui
