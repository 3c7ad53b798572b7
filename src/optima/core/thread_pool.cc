#include "optima/core/thread_pool.h"

#include <atomic>
#include <exception>

namespace optima::core {

ThreadPool::ThreadPool(size_t threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  workers_.reserve(threads);
  for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { worker_loop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : workers_) t.join();
}

std::future<Status> ThreadPool::submit(std::function<Status()> task) {
  std::packaged_task<Status()> packaged([task = std::move(task)]() -> Status {
    try {
      return task();
    } catch (const std::exception& e) {
      return internal_error(std::string("task threw: ") + e.what());
    } catch (...) {
      return internal_error("task threw an unknown exception");
    }
  });
  auto future = packaged.get_future();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(packaged));
  }
  cv_.notify_one();
  return future;
}

Status ThreadPool::parallel_for(size_t count, const std::function<Status(size_t)>& fn) {
  if (count == 0) return Status::ok();
  std::atomic<size_t> next{0};
  std::mutex status_mutex;
  Status first_error;
  auto drain = [&]() -> Status {
    while (true) {
      const size_t i = next.fetch_add(1);
      if (i >= count) return Status::ok();
      Status s = fn(i);
      if (!s.is_ok()) {
        std::lock_guard<std::mutex> lock(status_mutex);
        if (first_error.is_ok()) first_error = s;
        next.store(count);
        return s;
      }
    }
  };
  const size_t helpers = std::min(workers_.size(), count - 1);
  std::vector<std::future<Status>> futures;
  futures.reserve(helpers);
  for (size_t i = 0; i < helpers; ++i) futures.push_back(submit(drain));
  Status own = drain();
  for (auto& f : futures) {
    Status s = f.get();
    if (!s.is_ok()) {
      std::lock_guard<std::mutex> lock(status_mutex);
      if (first_error.is_ok()) first_error = s;
    }
  }
  if (!own.is_ok() && first_error.is_ok()) return own;
  return first_error;
}

ThreadPool& ThreadPool::shared() {
  static ThreadPool pool(0);
  return pool;
}

void ThreadPool::worker_loop() {
  while (true) {
    std::packaged_task<Status()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

}  // namespace optima::core
