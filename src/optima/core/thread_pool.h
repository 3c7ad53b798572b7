// ThreadPool: a fixed set of worker threads running submitted tasks in FIFO order.
//
// Thread-safe. Tasks raise no exceptions (our code does not); an exception escaping a task is caught
// at this barrier and reported through the task's Status. The destructor finishes queued tasks.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "optima/core/status.h"

namespace optima::core {

class ThreadPool {
 public:
  // threads == 0 means std::thread::hardware_concurrency() (at least 1).
  explicit ThreadPool(size_t threads = 0);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  size_t size() const { return workers_.size(); }
  // Runs `task` on a worker; the future yields its Status (or Internal if it threw).
  std::future<Status> submit(std::function<Status()> task);
  // Runs fn(i) for i in [0, count) across the pool and the calling thread; returns the first
  // non-OK status.
  Status parallel_for(size_t count, const std::function<Status(size_t)>& fn);

  // A process-wide pool sized to the machine, created on first use.
  static ThreadPool& shared();

 private:
  void worker_loop();

  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::packaged_task<Status()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace optima::core
