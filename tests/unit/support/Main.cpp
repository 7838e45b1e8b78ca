#include <gtest/gtest.h>

#include <csignal>

// Tests write to sockets whose peers may have gone; a SIGPIPE must fail the write, not the run.
int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
