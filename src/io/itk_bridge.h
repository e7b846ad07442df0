#pragma once
// ITK <-> core conversions, private to the io module (ITK headers stay here).
#include <itkImage.h>

#include "tantalus/core/volume.h"

namespace tantalus::io::detail {

void registerItkFactories();

template <class ImageT>
void copyGeometry(const VolumeGeometry& g, ImageT* img) {
  typename ImageT::RegionType region;
  typename ImageT::SizeType size;
  typename ImageT::SpacingType spacing;
  typename ImageT::PointType origin;
  typename ImageT::DirectionType dir;
  for (unsigned d = 0; d < 3; ++d) {
    size[d] = itk::SizeValueType(g.size[d]);
    spacing[d] = g.spacing[d];
    origin[d] = g.origin[d];
    for (unsigned e = 0; e < 3; ++e) dir(d, e) = g.direction(d, e);
  }
  region.SetSize(size);
  img->SetRegions(region);
  img->SetSpacing(spacing);
  img->SetOrigin(origin);
  img->SetDirection(dir);
}

template <class ImageT>
VolumeGeometry geometryOf(const ImageT* img) {
  VolumeGeometry g;
  const auto size = img->GetLargestPossibleRegion().GetSize();
  for (unsigned d = 0; d < 3; ++d) {
    g.size[d] = int(size[d]);
    g.spacing[d] = img->GetSpacing()[d];
    g.origin[d] = img->GetOrigin()[d];
    for (unsigned e = 0; e < 3; ++e) g.direction(d, e) = img->GetDirection()(d, e);
  }
  return g;
}

}  // namespace tantalus::io::detail
