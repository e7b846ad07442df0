#include "volume_file_check.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "compressed_stream.h"
#include "nifti_header.h"
#include "tantalus/core/error.h"

namespace fs = std::filesystem;

namespace tantalus::io::detail {

namespace {

constexpr std::size_t kMaxHeaderBytes = 1 << 20;  // text headers (NRRD, MetaImage)
constexpr std::size_t kMaxLineBytes = 4096;       // one header line: teem overflows on 100 kB lines
constexpr std::uint64_t kMaxAxis = 1u << 20;
const char* kDamaged = "the file is damaged or incomplete: copy or export it again";

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}
std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return {};
  const auto b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

std::uint64_t fileSize(const fs::path& f) {
  std::error_code ec;
  const auto n = fs::file_size(f, ec);
  if (ec) throw Error("cannot read: " + ec.message(), f.string(), "check the path and permissions");
  return n;
}

std::string readHead(const fs::path& f, std::size_t bytes) {
  std::ifstream in(f, std::ios::binary);
  if (!in) throw Error("cannot open", f.string(), "check the path and permissions");
  std::string s(bytes, '\0');
  in.read(s.data(), std::streamsize(bytes));
  s.resize(std::size_t(in.gcount()));
  return s;
}

// Strict number parsing for header fields: the whole token, finite.
bool parseNumber(const std::string& t, double& v) {
  if (t.empty()) return false;
  char* end = nullptr;
  v = std::strtod(t.c_str(), &end);
  return end && *end == 0;
}
bool parseCount(const std::string& t, std::uint64_t& v) {
  if (t.empty() || !std::all_of(t.begin(), t.end(), ::isdigit) || t.size() > 12) return false;
  v = std::stoull(t);
  return true;
}
std::vector<std::string> tokens(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string t; in >> t;) out.push_back(t);
  return out;
}

// The text header: lines up to the blank line (NRRD) or the ElementDataFile line
// (MetaImage), each of bounded length. `dataOffset` is the byte after the header.
struct TextHeader {
  std::vector<std::string> lines;
  std::uint64_t dataOffset = 0;
  bool complete = false;
};
TextHeader readTextHeader(const fs::path& f, bool nrrd) {
  const std::string head = readHead(f, kMaxHeaderBytes);
  TextHeader h;
  std::size_t pos = 0;
  while (pos < head.size()) {
    std::size_t nl = head.find('\n', pos);
    if (nl == std::string::npos) {
      if (head.size() - pos > kMaxLineBytes) nl = head.size();
      else {
        h.lines.push_back(head.substr(pos));
        h.dataOffset = head.size();
        h.complete = nrrd ? false : true;  // a MetaImage header may end at end of file only with detached data
        return h;
      }
    }
    if (nl - pos > kMaxLineBytes)
      throw Error("header line " + std::to_string(h.lines.size() + 1) + " is longer than " +
                      std::to_string(kMaxLineBytes) + " bytes",
                  f.string(), "this is not a volume header a scanner or viewer writes: export the volume again");
    std::string line = head.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    pos = nl + 1;
    if (nrrd && line.empty()) {
      h.dataOffset = pos;
      h.complete = true;
      return h;
    }
    h.lines.push_back(line);
    if (!nrrd && lower(trim(line.substr(0, line.find('=')))) == "elementdatafile") {
      h.dataOffset = pos;
      h.complete = true;
      return h;
    }
  }
  if (head.size() >= kMaxHeaderBytes)
    throw Error("the header does not end within " + std::to_string(kMaxHeaderBytes) + " bytes", f.string(),
                "this is not a volume header a scanner or viewer writes: export the volume again");
  h.dataOffset = head.size();
  return h;
}

// Checks the voxel bytes: raw data must be all there, compressed data must inflate
// completely to at least what the header promises.
void checkData(const fs::path& dataFile, std::uint64_t offset, bool compressed, std::uint64_t needed) {
  const std::uint64_t size = fileSize(dataFile);
  if (!compressed) {
    if (offset > size || size - offset < needed)
      throw Error("the voxel data are cut short: " + std::to_string(offset > size ? 0 : size - offset) + " of " +
                      std::to_string(needed) + " bytes present (the file is truncated)",
                  dataFile.string(), kDamaged);
    return;
  }
  const InflatedStream s = inflateFile(dataFile, offset, 0);
  if (s.bytes < needed)
    throw Error("the compressed voxel data hold " + std::to_string(s.bytes) + " of " + std::to_string(needed) +
                    " bytes (the file is truncated)",
                dataFile.string(), kDamaged);
}

void checkSizes(VolumeFileFacts& v, const std::string& where, const std::string& field) {
  std::uint64_t voxels = 1;
  for (int d = 0; d < 4; ++d) {
    if (v.size[std::size_t(d)] < 1 || v.size[std::size_t(d)] > kMaxAxis)
      throw Error(field + ": axis " + std::to_string(d + 1) + " has " + std::to_string(v.size[std::size_t(d)]) +
                      " voxels (1 to " + std::to_string(kMaxAxis) + " allowed)",
                  where, "the header is damaged: export the volume again");
    voxels *= v.size[std::size_t(d)];
  }
  if (voxels > (std::uint64_t(1) << 36))
    throw Error(field + " promises " + std::to_string(voxels) + " voxels, more than any CT", where,
                "the header is damaged: export the volume again");
  v.dataBytes = voxels * std::uint64_t(v.components) * std::uint64_t(v.bytesPerComponent);
}

// ---- NIfTI ----------------------------------------------------------------

VolumeFileFacts checkNifti(const fs::path& f) {
  const std::string name = lower(f.filename().string());
  const bool gz = name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0;
  std::string head;
  std::uint64_t total = 0;
  if (gz) {
    const InflatedStream s = inflateFile(f, 0, 540);
    head = s.head;
    total = s.bytes;
  } else {
    head = readHead(f, 540);
    total = fileSize(f);
  }
  const NiftiHeader h = parseNiftiHeader(head, f.string());
  checkNiftiHeader(h, f.string());
  VolumeFileFacts v;
  v.format = "NIfTI";
  v.dimensions = int(h.dim[0]);
  for (int d = 0; d < 3; ++d) v.size[std::size_t(d)] = std::uint64_t(d < h.dim[0] ? h.dim[std::size_t(d + 1)] : 1);
  std::uint64_t rest = 1;
  for (int d = 4; d <= h.dim[0]; ++d) rest *= std::uint64_t(h.dim[std::size_t(d)]);
  v.size[3] = rest;
  v.bytesPerComponent = niftiBytesPerVoxel(h.datatype);
  checkSizes(v, f.string(), "dim");
  if (h.sclSlope != 0) {  // scl_slope 0 means: no scaling (NIfTI-1 standard)
    v.scaleSlope = h.sclSlope;
    v.scaleIntercept = h.sclInter;
  }
  const std::uint64_t needed = std::uint64_t(h.voxOffset) + v.dataBytes;
  if (total < needed)
    throw Error("the voxel data are cut short: " + std::to_string(total > std::uint64_t(h.voxOffset) ? total - std::uint64_t(h.voxOffset) : 0) +
                    " of " + std::to_string(v.dataBytes) + " bytes present (the file is truncated)",
                f.string(), kDamaged);
  return v;
}

// ---- NRRD -------------------------------------------------------------------

int nrrdTypeBytes(const std::string& t) {
  static const std::map<std::string, int> types = {
      {"signed char", 1}, {"int8", 1}, {"int8_t", 1}, {"uchar", 1}, {"unsigned char", 1}, {"uint8", 1}, {"uint8_t", 1},
      {"short", 2}, {"short int", 2}, {"signed short", 2}, {"signed short int", 2}, {"int16", 2}, {"int16_t", 2},
      {"ushort", 2}, {"unsigned short", 2}, {"unsigned short int", 2}, {"uint16", 2}, {"uint16_t", 2},
      {"int", 4}, {"signed int", 4}, {"int32", 4}, {"int32_t", 4}, {"uint", 4}, {"unsigned int", 4}, {"uint32", 4},
      {"uint32_t", 4}, {"longlong", 8}, {"long long", 8}, {"long long int", 8}, {"signed long long", 8},
      {"signed long long int", 8}, {"int64", 8}, {"int64_t", 8}, {"ulonglong", 8}, {"unsigned long long", 8},
      {"unsigned long long int", 8}, {"uint64", 8}, {"uint64_t", 8}, {"float", 4}, {"double", 8}};
  const auto it = types.find(t);
  return it == types.end() ? 0 : it->second;
}

// "(1,0,0)" -> three finite numbers, or false.
bool parseVector(const std::string& t, std::vector<double>& out) {
  if (t.size() < 2 || t.front() != '(' || t.back() != ')') return false;
  std::stringstream s(t.substr(1, t.size() - 2));
  out.clear();
  for (std::string item; std::getline(s, item, ',');) {
    double v;
    if (!parseNumber(trim(item), v)) return false;
    out.push_back(v);
  }
  return true;
}

VolumeFileFacts checkNrrd(const fs::path& f) {
  const TextHeader th = readTextHeader(f, true);
  const std::string where = f.string();
  auto fail = [&](const std::string& what, const std::string& hint = "the NRRD header is damaged: export the volume again") {
    throw Error(what, where, hint);
  };
  if (th.lines.empty() || th.lines[0].rfind("NRRD000", 0) != 0) fail("not a NRRD file (no 'NRRD000x' magic line)");
  std::map<std::string, std::string> fields;
  for (std::size_t i = 1; i < th.lines.size(); ++i) {
    const std::string& l = th.lines[i];
    if (l.empty() || l[0] == '#') continue;
    if (l.find(":=") != std::string::npos) continue;  // key/value pair, not a field
    const auto colon = l.find(": ");
    if (colon == std::string::npos) fail("header line " + std::to_string(i + 1) + " is not 'field: value'");
    fields[lower(trim(l.substr(0, colon)))] = trim(l.substr(colon + 2));
  }
  auto get = [&](std::initializer_list<const char*> names) -> const std::string* {
    for (const char* n : names)
      if (auto it = fields.find(n); it != fields.end()) return &it->second;
    return nullptr;
  };
  VolumeFileFacts v;
  v.format = "NRRD";
  const std::string* type = get({"type"});
  const std::string* dim = get({"dimension"});
  const std::string* sizes = get({"sizes"});
  const std::string* enc = get({"encoding"});
  if (!type || !dim || !sizes || !enc) fail("a required field (type, dimension, sizes, encoding) is missing");
  v.bytesPerComponent = nrrdTypeBytes(lower(*type));
  if (!v.bytesPerComponent) fail("type '" + *type + "' is not a number type");
  std::uint64_t n = 0;
  if (!parseCount(*dim, n) || n < 1 || n > 4) fail("dimension '" + *dim + "' is not 1 to 4");
  v.dimensions = int(n);
  const auto sz = tokens(*sizes);
  if (sz.size() != n) fail("sizes lists " + std::to_string(sz.size()) + " axes for dimension " + *dim);
  for (std::size_t d = 0; d < sz.size(); ++d)
    if (!parseCount(sz[d], v.size[d])) fail("sizes: '" + sz[d] + "' is not a whole number of voxels");
  checkSizes(v, where, "sizes");
  if (const std::string* sp = get({"spacings"})) {
    const auto t = tokens(*sp);
    if (t.size() != n) fail("spacings lists " + std::to_string(t.size()) + " values for dimension " + *dim);
    for (const auto& s : t) {
      double x;
      if (lower(s) == "nan" && n == 4) continue;  // a non-spatial axis
      if (!parseNumber(s, x) || !std::isfinite(x) || x <= 0)
        fail("spacings: '" + s + "' is not a positive number of mm", "fix the header's spacings or export the volume again");
    }
  }
  if (const std::string* sd = get({"space directions"})) {
    const auto t = tokens(*sd);
    if (t.size() != n) fail("space directions lists " + std::to_string(t.size()) + " axes for dimension " + *dim);
    std::vector<double> vec;
    for (const auto& s : t) {
      if (s == "none") continue;
      if (!parseVector(s, vec) || vec.size() != 3 || !std::all_of(vec.begin(), vec.end(), [](double x) { return std::isfinite(x); }) ||
          std::sqrt(vec[0] * vec[0] + vec[1] * vec[1] + vec[2] * vec[2]) <= 0)
        fail("space directions: '" + s + "' is not a finite, non-zero vector (x,y,z)",
             "fix the header's space directions or export the volume again");
    }
  }
  if (const std::string* so = get({"space origin"})) {
    std::vector<double> vec;
    if (!parseVector(*so, vec) || vec.size() != 3 || !std::all_of(vec.begin(), vec.end(), [](double x) { return std::isfinite(x); }))
      fail("space origin '" + *so + "' is not three finite numbers (x,y,z)");
  }
  const std::string e = lower(*enc);
  const bool gz = e == "gzip" || e == "gz";
  if (e != "raw" && !gz)
    fail("encoding '" + *enc + "' is not supported (raw or gzip are)", "save the volume as raw or gzip NRRD, or as NIfTI");
  if (v.bytesPerComponent > 1 && !get({"endian"})) fail("the endian field is missing for a multi-byte type");
  std::int64_t byteSkip = 0;
  if (const std::string* bs = get({"byte skip", "byteskip"})) {
    double x;
    if (!parseNumber(*bs, x) || x < -1 || x != std::floor(x) || x > 1e12) fail("byte skip '" + *bs + "' is not -1 or a byte count");
    byteSkip = std::int64_t(x);
    if (byteSkip == -1 && gz) fail("byte skip -1 is not allowed with gzip encoding");
  }
  if (const std::string* ls = get({"line skip", "lineskip"}); ls && *ls != "0")
    fail("line skip '" + *ls + "' is not supported", "save the volume without line skip, or as NIfTI");
  fs::path dataFile = f;
  std::uint64_t offset = th.dataOffset;
  if (const std::string* df = get({"data file", "datafile"})) {
    if (df->find(' ') != std::string::npos || df->find('%') != std::string::npos || *df == "LIST")
      fail("data file '" + *df + "' names several files; only one data file is supported",
           "save the volume as a single .nrrd file, or as NIfTI");
    dataFile = fs::path(*df).is_absolute() ? fs::path(*df) : f.parent_path() / *df;
    offset = 0;
    std::error_code ec;
    if (!fs::is_regular_file(dataFile, ec))
      throw Error("the data file named by the header does not exist", dataFile.string(),
                  "keep the .nhdr and its data file together in one folder");
  } else if (!th.complete) {
    fail("the header has no blank line before the voxel data (the file is truncated inside its header)", kDamaged);
  }
  if (byteSkip == -1) {
    const std::uint64_t size = fileSize(dataFile);
    if (size < offset + v.dataBytes)
      throw Error("the voxel data are cut short (the file is truncated)", dataFile.string(), kDamaged);
    return v;
  }
  if (gz) {
    const InflatedStream s = inflateFile(dataFile, offset, 0);
    if (s.bytes < std::uint64_t(byteSkip) + v.dataBytes)
      throw Error("the compressed voxel data hold " + std::to_string(s.bytes) + " of " +
                      std::to_string(std::uint64_t(byteSkip) + v.dataBytes) + " bytes (the file is truncated)",
                  dataFile.string(), kDamaged);
    return v;
  }
  checkData(dataFile, offset + std::uint64_t(byteSkip), false, v.dataBytes);
  return v;
}

// ---- MetaImage --------------------------------------------------------------

int metaTypeBytes(const std::string& t) {
  static const std::map<std::string, int> types = {
      {"met_char", 1}, {"met_uchar", 1}, {"met_short", 2}, {"met_ushort", 2}, {"met_int", 4}, {"met_uint", 4},
      {"met_long", 4}, {"met_ulong", 4}, {"met_long_long", 8}, {"met_ulong_long", 8}, {"met_float", 4},
      {"met_double", 8}};
  const auto it = types.find(t);
  return it == types.end() ? 0 : it->second;
}

VolumeFileFacts checkMeta(const fs::path& f) {
  const TextHeader th = readTextHeader(f, false);
  const std::string where = f.string();
  auto fail = [&](const std::string& what, const std::string& hint = "the MetaImage header is damaged: export the volume again") {
    throw Error(what, where, hint);
  };
  std::map<std::string, std::string> fields;
  for (std::size_t i = 0; i < th.lines.size(); ++i) {
    const std::string& l = th.lines[i];
    if (trim(l).empty()) continue;
    const auto eq = l.find('=');
    if (eq == std::string::npos) fail("header line " + std::to_string(i + 1) + " is not 'Key = Value'");
    fields[lower(trim(l.substr(0, eq)))] = trim(l.substr(eq + 1));
  }
  auto get = [&](const char* k) -> const std::string* {
    auto it = fields.find(k);
    return it == fields.end() ? nullptr : &it->second;
  };
  VolumeFileFacts v;
  v.format = "MetaImage";
  if (const std::string* ot = get("objecttype"); ot && lower(*ot) != "image") fail("ObjectType is '" + *ot + "', not Image");
  const std::string* nd = get("ndims");
  const std::string* ds = get("dimsize");
  const std::string* et = get("elementtype");
  const std::string* df = get("elementdatafile");
  if (!nd || !ds || !et || !df) fail("a required key (NDims, DimSize, ElementType, ElementDataFile) is missing");
  std::uint64_t n = 0;
  if (!parseCount(*nd, n) || n < 1 || n > 4) fail("NDims '" + *nd + "' is not 1 to 4");
  v.dimensions = int(n);
  const auto sz = tokens(*ds);
  if (sz.size() != n) fail("DimSize lists " + std::to_string(sz.size()) + " axes for NDims " + *nd);
  for (std::size_t d = 0; d < n; ++d)
    if (!parseCount(sz[d], v.size[d])) fail("DimSize: '" + sz[d] + "' is not a whole number of voxels");
  v.bytesPerComponent = metaTypeBytes(lower(*et));
  if (!v.bytesPerComponent) fail("ElementType '" + *et + "' is not a number type");
  if (const std::string* ch = get("elementnumberofchannels")) {
    std::uint64_t c = 0;
    if (!parseCount(*ch, c) || c < 1 || c > 16) fail("ElementNumberOfChannels '" + *ch + "' is not 1 to 16");
    v.components = int(c);
  }
  checkSizes(v, where, "DimSize");
  auto finiteList = [&](const char* key, std::size_t count, bool positive) {
    const std::string* s = get(key);
    if (!s) return;
    const auto t = tokens(*s);
    if (count && t.size() != count) fail(std::string(key) + " lists " + std::to_string(t.size()) + " values, " + std::to_string(count) + " expected");
    for (const auto& x : t) {
      double d;
      if (!parseNumber(x, d) || !std::isfinite(d) || (positive && d <= 0))
        fail(std::string(key) + ": '" + x + "' is not a " + (positive ? "positive" : "finite") + " number",
             "fix the header or export the volume again");
    }
  };
  finiteList("elementspacing", n, true);
  finiteList("elementsize", n, true);
  for (const char* k : {"offset", "position", "origin"}) finiteList(k, n, false);
  for (const char* k : {"transformmatrix", "rotation", "orientation"}) finiteList(k, n * n, false);
  if (const std::string* b = get("binarydata"); b && lower(*b) != "true")
    fail("ASCII voxel data (BinaryData = False) are not supported", "save the volume as binary MetaImage or NIfTI");
  const bool compressed = get("compresseddata") && lower(*get("compresseddata")) == "true";
  fs::path dataFile = f;
  std::uint64_t offset = th.dataOffset;
  if (lower(*df) != "local") {
    if (lower(*df).rfind("list", 0) == 0 || df->find('%') != std::string::npos)
      fail("ElementDataFile '" + *df + "' names several files; only one data file is supported",
           "save the volume as a single .mha file, or as NIfTI");
    dataFile = fs::path(*df).is_absolute() ? fs::path(*df) : f.parent_path() / *df;
    offset = 0;
    std::error_code ec;
    if (!fs::is_regular_file(dataFile, ec))
      throw Error("the data file named by ElementDataFile does not exist", dataFile.string(),
                  "keep the .mhd and its data file together in one folder");
    if (const std::string* hs = get("headersize")) {
      double x;
      if (!parseNumber(*hs, x) || x < -1 || x > 1e12) fail("HeaderSize '" + *hs + "' is not -1 or a byte count");
      if (x == -1) {
        const std::uint64_t size = fileSize(dataFile);
        if (size < v.dataBytes) throw Error("the voxel data are cut short (the file is truncated)", dataFile.string(), kDamaged);
        return v;
      }
      offset = std::uint64_t(x);
    }
  } else if (!th.complete) {
    fail("the header ends before ElementDataFile (the file is truncated inside its header)", kDamaged);
  }
  checkData(dataFile, offset, compressed, v.dataBytes);
  return v;
}

}  // namespace

VolumeFileFacts checkVolumeFile(const fs::path& file, const std::string& format) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw Error("is not a regular file", file.string(), "give a volume file");
  if (format == "NIfTI") return checkNifti(file);
  if (format == "NRRD") return checkNrrd(file);
  if (format == "MetaImage") return checkMeta(file);
  throw Error("unknown volume format", file.string(), "use a DICOM folder or a .nii, .nii.gz, .nrrd, .nhdr, .mha or .mhd file");
}

}  // namespace tantalus::io::detail
