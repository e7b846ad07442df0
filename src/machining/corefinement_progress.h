#pragma once
// Internal to src/machining: an adapter from CGAL's corefinement visitor to Progress,
// as lattice_internal.h's ProgressInterrupter is for OpenVDB. CGAL copies visitors, so
// the counters live in a shared state. A cancel request surfaces as Cancelled thrown
// from inside CGAL's loops; the meshes being worked on are copies, so nothing the caller
// owns is left half-modified.
#include <CGAL/Polygon_mesh_processing/corefinement.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>

#include "tantalus/core/progress.h"

namespace tantalus::machining::detail {

template <class TriangleMesh>
class CorefinementProgress : public CGAL::Polygon_mesh_processing::Corefinement::Default_visitor<TriangleMesh> {
public:
  explicit CorefinementProgress(const Progress& progress) : s_(std::make_shared<State>(progress)) {}

  // The phases of one corefinement and the share of the time each takes.
  void progress_filtering_intersections(double d) const { at(0.00, 0.35, d, "finding intersecting faces"); }
  void start_handling_edge_face_intersections(std::size_t n) const { begin(n); }
  void edge_face_intersections_step() const { step(0.35, 0.55, "intersecting edges with faces"); }
  void start_handling_intersection_of_coplanar_faces(std::size_t n) const { begin(n); }
  void intersection_of_coplanar_faces_step() const { step(0.55, 0.60, "intersecting coplanar faces"); }
  void start_triangulating_faces(std::size_t n) const { begin(n); }
  void triangulating_faces_step() const { step(0.60, 0.85, "re-triangulating cut faces"); }
  void start_building_output() const { at(0.85, 1.0, 0.0, "assembling the result"); }
  void end_building_output() const { at(0.85, 1.0, 1.0, "assembling the result"); }

private:
  struct State {
    explicit State(const Progress& p) : progress(p) {}
    Progress progress;
    std::size_t total = 0, done = 0;
    double last = 0;  // CGAL may revisit a phase (coplanar faces after triangulation): never go back
  };
  void begin(std::size_t n) const {
    s_->total = n;
    s_->done = 0;
    s_->progress.check();
  }
  void step(double from, double to, const char* what) const {
    // One step is microseconds; poll every 64 so cancel lands well within 0.5 s.
    if ((++s_->done & 63u) != 0) return;
    const double f = s_->total ? double(s_->done) / double(s_->total) : 0.0;
    at(from, to, f, what);
  }
  void at(double from, double to, double f, const char* what) const {
    s_->progress.check();
    s_->last = std::max(s_->last, from + (to - from) * std::min(1.0, std::max(0.0, f)));
    s_->progress.report(s_->last, what);
  }
  std::shared_ptr<State> s_;
};

}  // namespace tantalus::machining::detail
