#include "compressed_stream.h"

#include <zlib.h>

#include <cstdio>
#include <memory>
#include <vector>

#include "tantalus/core/error.h"

namespace tantalus::io::detail {

namespace {
const char* kHint = "the file is damaged or incomplete: copy or export it again";

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
}  // namespace

InflatedStream inflateFile(const std::filesystem::path& file, std::uint64_t offset, std::size_t keep) {
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(file.c_str(), "rbe"));
  if (!f) throw Error("cannot open", file.string(), "check the path and permissions");
  if (offset && std::fseek(f.get(), long(offset), SEEK_SET) != 0)
    throw Error("the compressed data start beyond the end of the file", file.string(), kHint);
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) throw Error("cannot start zlib", file.string());  // 15+32: gzip or zlib
  struct End {
    z_stream& z;
    ~End() { inflateEnd(&z); }
  } end{z};
  std::vector<unsigned char> in(1 << 20), out(1 << 20);
  InflatedStream r;
  int status = Z_OK;
  bool any = false;
  for (;;) {
    if (z.avail_in == 0) {
      const std::size_t n = std::fread(in.data(), 1, in.size(), f.get());
      if (n == 0) break;
      z.next_in = in.data();
      z.avail_in = uInt(n);
      any = true;
    }
    do {
      z.next_out = out.data();
      z.avail_out = uInt(out.size());
      status = inflate(&z, Z_NO_FLUSH);
      if (status == Z_NEED_DICT || status == Z_DATA_ERROR || status == Z_MEM_ERROR || status == Z_STREAM_ERROR)
        throw Error(std::string("the compressed data are corrupt (zlib: ") + (z.msg ? z.msg : "data error") +
                        ") after " + std::to_string(r.bytes) + " decompressed bytes",
                    file.string(), kHint);
      const std::size_t produced = out.size() - z.avail_out;
      if (r.head.size() < keep) r.head.append(reinterpret_cast<const char*>(out.data()), std::min(produced, keep - r.head.size()));
      r.bytes += produced;
      if (status == Z_STREAM_END) {
        // gzip allows several members one after another (cat a.gz b.gz).
        if (z.avail_in == 0) {
          const int c = std::fgetc(f.get());
          if (c == EOF) return r;
          std::ungetc(c, f.get());
        }
        if (inflateReset(&z) != Z_OK) throw Error("cannot restart zlib", file.string());
        status = Z_OK;
      }
    } while (z.avail_out == 0 || (z.avail_in > 0 && status == Z_OK));
  }
  if (!any) throw Error("the compressed data are missing (the file ends before them)", file.string(), kHint);
  throw Error("the compressed data are cut short after " + std::to_string(r.bytes) +
                  " decompressed bytes (the file is truncated)",
              file.string(), kHint);
}

}  // namespace tantalus::io::detail
