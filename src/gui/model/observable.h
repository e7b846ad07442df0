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
    Connection(std::weak_ptr<std::map<int, Slot>> slots, int id) : slots_(std::move(slots)), id_(id) {}
    Connection(Connection&& o) noexcept : slots_(std::move(o.slots_)), id_(o.id_) { o.id_ = -1; }
    Connection& operator=(Connection&& o) noexcept {
      disconnect();
      slots_ = std::move(o.slots_);
      id_ = std::exchange(o.id_, -1);
      return *this;
    }
    ~Connection() { disconnect(); }
    void disconnect() {
      if (auto s = slots_.lock(); s && id_ >= 0) s->erase(id_);
      id_ = -1;
    }

  private:
    std::weak_ptr<std::map<int, Slot>> slots_;
    int id_ = -1;
  };

  [[nodiscard]] Connection connect(Slot slot) {
    (*slots_)[next_] = std::move(slot);
    return Connection(slots_, next_++);
  }
  void emit(Args... args) const {
    const auto copy = *slots_;  // a slot may disconnect itself
    for (const auto& [id, slot] : copy) slot(args...);
  }

private:
  std::shared_ptr<std::map<int, Slot>> slots_ = std::make_shared<std::map<int, Slot>>();
  int next_ = 0;
};

}  // namespace tantalus::gui
