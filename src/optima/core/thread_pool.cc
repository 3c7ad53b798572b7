#include "optima/core/thread_pool.h"

#include <atomic>
#include <algorithm>
#include <exception>
#include <memory>

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
  // Helpers are queued on the pool, but the caller never waits for one that has not started:
  // when every worker is itself inside parallel_for (nested use), queued helpers would never
  // run, so the caller does all the work and only waits for helpers already running.
  struct Shared {
    std::atomic<size_t> next{0};
    std::mutex mutex;
    std::condition_variable done;
    size_t running = 0;
    bool closed = false;
    Status first_error;
  };
  auto shared = std::make_shared<Shared>();
  auto drain = [shared, count, &fn]() {
    while (true) {
      const size_t i = shared->next.fetch_add(1);
      if (i >= count) return;
      Status s = fn(i);
      if (!s.is_ok()) {
        std::lock_guard<std::mutex> lock(shared->mutex);
        if (shared->first_error.is_ok()) shared->first_error = std::move(s);
        shared->next.store(count);
        return;
      }
    }
  };
  const size_t helpers = std::min(workers_.size(), count - 1);
  for (size_t h = 0; h < helpers; ++h) {
    // The task holds only `shared`; `fn` is touched only while the caller waits for it.
    submit([shared, drain]() -> Status {
      {
        std::lock_guard<std::mutex> lock(shared->mutex);
        if (shared->closed) return Status::ok();
        ++shared->running;
      }
      drain();
      std::lock_guard<std::mutex> lock(shared->mutex);
      --shared->running;
      shared->done.notify_all();
      return Status::ok();
    });
  }
  drain();
  std::unique_lock<std::mutex> lock(shared->mutex);
  shared->closed = true;
  shared->done.wait(lock, [&] { return shared->running == 0; });
  return shared->first_error;
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
