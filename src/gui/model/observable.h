#pragma once
// A change notification for the GUI's models: plain C++, so a model is tested
// without a window. Widgets connect a callback and keep the Connection for as long
// as they listen; a model emits on the UI thread only.
#include <functional>
#include <map>
#include <memory>
#include <utility>

namespace tantalus::gui {

template <class... Args>
class Signal {
public:
  using Slot = std::function<void(Args...)>;
  class Connection {
  public:
    Connection() = default;
    Connection(std::weak_ptr<std::map<int, Slot>> targets, int id) : targets_(std::move(targets)), id_(id) {}
    Connection(Connection&& o) noexcept : targets_(std::move(o.targets_)), id_(o.id_) { o.id_ = -1; }
    Connection& operator=(Connection&& o) noexcept {
      disconnect();
      targets_ = std::move(o.targets_);
      id_ = std::exchange(o.id_, -1);
      return *this;
    }
    ~Connection() { disconnect(); }
    void disconnect() {
      if (auto s = targets_.lock(); s && id_ >= 0) s->erase(id_);
      id_ = -1;
    }

  private:
    std::weak_ptr<std::map<int, Slot>> targets_;
    int id_ = -1;
  };

  [[nodiscard]] Connection connect(Slot slot) {
    (*targets_)[next_] = std::move(slot);
    return Connection(targets_, next_++);
  }
  void notify(Args... args) const {
    const auto copy = *targets_;  // a slot may disconnect itself
    for (const auto& [id, slot] : copy) slot(args...);
  }

private:
  std::shared_ptr<std::map<int, Slot>> targets_ = std::make_shared<std::map<int, Slot>>();
  int next_ = 0;
};

}  // namespace tantalus::gui
