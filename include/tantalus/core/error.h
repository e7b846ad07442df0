#pragma once
// Error: what went wrong, where (file, DICOM tag, JSON field), and what to do about it.
#include <stdexcept>
#include <string>

namespace tantalus {

class Error : public std::runtime_error {
public:
  Error(std::string what, std::string where = {}, std::string hint = {});

  const std::string& problem() const { return problem_; }
  const std::string& where() const { return where_; }
  const std::string& hint() const { return hint_; }

private:
  static std::string compose(const std::string& what, const std::string& where,
                             const std::string& hint);
  std::string problem_, where_, hint_;
};

// Thrown by Progress::check() when the user asked to cancel.
class Cancelled : public std::runtime_error {
public:
  Cancelled() : std::runtime_error("cancelled by the user") {}
};

}  // namespace tantalus
