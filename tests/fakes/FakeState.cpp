#include "FakeState.h"

namespace portico::fakes {

void FakeState::record(std::shared_ptr<const RecordedRequest> request) {
    std::lock_guard lock(mutex_);
    last_.swap(request);
}

std::shared_ptr<const RecordedRequest> FakeState::lastRequest() const {
    std::lock_guard lock(mutex_);
    return last_;
}

}  // namespace portico::fakes
