#pragma once

#include <functional>

// Reconnect delays: initial, doubling up to max, each with up to +-20 % jitter so that lanes
// restarted together do not reconnect in lockstep. The random source is injectable for tests.
class Backoff
{
public:
    // random() returns a value in [0, 1).
    Backoff(int initialMs, int maxMs, std::function<double()> random = {});

    // The delay before the next attempt; each call doubles the next one, up to max.
    int next();
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }

private:
    int m_initialMs;
    int m_maxMs;
    int m_attempt = 0;
    std::function<double()> m_random;
};
