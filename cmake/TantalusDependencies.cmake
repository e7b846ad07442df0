# Finds every dependency of the design and, when one is missing, stops with the
# Debian package that provides it. `scripts/install-deps.sh` installs them all.

macro(tantalus_require found_var debian_packages what)
  if(NOT ${found_var})
    message(FATAL_ERROR
      "${what} was not found. Install it with:\n"
      "    apt-get install ${debian_packages}\n"
      "or run `scripts/install-deps.sh` (as root), which installs every dependency.")
  endif()
endmacro()

# Eigen first: ITK ships its own Eigen3Config (3.3, namespaced) that would otherwise win.
find_package(Eigen3 3.4 NO_MODULE QUIET)
tantalus_require(Eigen3_FOUND "libeigen3-dev" "Eigen 3.4")

# ITK for the NIfTI, NRRD and MetaImage IO only: its GDCM module is not used (GDCM's
# dictionaries cost ~45 ms at every program start; JPEG 2000 goes through OpenJPEG).
find_package(ITK 5.2 QUIET COMPONENTS
  ITKCommon ITKIOImageBase ITKIONIFTI ITKIONRRD ITKIOMeta)
tantalus_require(ITK_FOUND "libinsighttoolkit5-dev" "ITK 5.2")

find_package(OpenJPEG QUIET CONFIG PATHS /usr/lib/x86_64-linux-gnu/openjpeg-2.5)
tantalus_require(OpenJPEG_FOUND "libopenjp2-7-dev" "OpenJPEG 2 (JPEG 2000)")

find_package(DCMTK QUIET NO_MODULE)
tantalus_require(DCMTK_FOUND "libdcmtk-dev" "DCMTK")

# The GUI's rendering components are found here too: VTK finds their own dependencies
# (X11, GLEW) only in the first find_package that names them.
find_package(VTK 9.1 QUIET COMPONENTS
  CommonCore CommonDataModel FiltersCore FiltersGeneral FiltersSources ImagingCore
  RenderingCore RenderingOpenGL2 InteractionStyle RenderingFreeType RenderingAnnotation)
set(TANTALUS_GUI_VTK VTK::CommonCore VTK::CommonDataModel VTK::FiltersCore VTK::FiltersSources VTK::FiltersModeling VTK::RenderingCore
  VTK::RenderingOpenGL2 VTK::InteractionStyle VTK::RenderingFreeType VTK::RenderingAnnotation)
tantalus_require(VTK_FOUND "libvtk9-dev" "VTK 9.1")

# OpenVDB's CMake module lives beside its library, not in CMake's own module path.
list(APPEND CMAKE_MODULE_PATH "/usr/lib/x86_64-linux-gnu/cmake/OpenVDB")
find_package(OpenVDB QUIET)
tantalus_require(OpenVDB_FOUND
  "libopenvdb-dev libtbb-dev libboost-iostreams-dev libblosc-dev" "OpenVDB 10")

find_package(CGAL 5.5 QUIET)
tantalus_require(CGAL_FOUND "libcgal-dev" "CGAL 5.5")

find_package(Qt6 6.4 QUIET COMPONENTS Core Gui Widgets OpenGL OpenGLWidgets Test)
tantalus_require(Qt6_FOUND "qt6-base-dev libqt6opengl6-dev libxkbcommon-dev" "Qt 6")

find_package(nlohmann_json 3 QUIET)
tantalus_require(nlohmann_json_FOUND "nlohmann-json3-dev" "nlohmann-json")
find_package(CLI11 QUIET)
tantalus_require(CLI11_FOUND "libcli11-dev" "CLI11")
find_package(spdlog QUIET)
tantalus_require(spdlog_FOUND "libspdlog-dev" "spdlog")
find_package(Threads REQUIRED)
find_package(ZLIB QUIET)
tantalus_require(ZLIB_FOUND "zlib1g-dev" "zlib")
find_package(TBB QUIET)
tantalus_require(TBB_FOUND "libtbb-dev" "oneTBB")

# lib3mf 1.8 (Debian) ships its C-style DLL interface and no CMake config.
find_path(LIB3MF_INCLUDE_DIR Model/COM/NMR_DLLInterfaces.h PATH_SUFFIXES lib3mf)
find_library(LIB3MF_LIBRARY NAMES 3MF)
if(LIB3MF_INCLUDE_DIR AND LIB3MF_LIBRARY)
  set(LIB3MF_FOUND TRUE)
endif()
tantalus_require(LIB3MF_FOUND "lib3mf-dev" "lib3mf")

if(TANTALUS_BUILD_TESTS)
  find_package(GTest QUIET)
  tantalus_require(GTest_FOUND "googletest libgtest-dev libgmock-dev" "GoogleTest")
endif()
if(TANTALUS_BUILD_BENCH)
  find_package(benchmark QUIET)
  tantalus_require(benchmark_FOUND "libbenchmark-dev" "Google Benchmark")
endif()

add_library(tantalus_lib3mf INTERFACE IMPORTED)
target_include_directories(tantalus_lib3mf SYSTEM INTERFACE ${LIB3MF_INCLUDE_DIR})
target_link_libraries(tantalus_lib3mf INTERFACE ${LIB3MF_LIBRARY})
