"""The request log as a test reads it: complete once every answer has been sent."""
import threading
import time


def test_requests_waits_for_a_request_still_in_flight(sim):
    """The server logs a request after sending its answer; a client can hold every answer first."""
    sim.reset()
    sim.stats_obj.begin()
    done = threading.Event()

    def finish():
        time.sleep(0.2)
        sim.stats_obj.end("GET", "/account/api/v1/user", "", 200, "k", time.monotonic(), connection=1)
        done.set()
    threading.Thread(target=finish).start()
    log = sim.requests()
    assert done.is_set()
    assert [e["path"] for e in log] == ["/account/api/v1/user"]
    sim.reset()


def test_requests_gives_up_waiting_after_settle(sim):
    sim.reset()
    sim.stats_obj.begin()
    try:
        assert sim.requests(settle=0.05) == []
    finally:
        sim.stats_obj.end("GET", "/x", "", 200, "k", time.monotonic())
        sim.reset()
