// GoogleTest with a QApplication (the window tests), the GL format set first.
#include <gtest/gtest.h>

#include <QApplication>

#include "gui/app/vtk_view.h"

int main(int argc, char** argv) {
  tantalus::gui::setDefaultSurfaceFormat();
  QApplication app(argc, argv);
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
