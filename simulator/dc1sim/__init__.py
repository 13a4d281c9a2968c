"""dc1sim: an offline simulator of the DigiCert ONE Account Manager API ("moto for DigiCert ONE").

Written from the research notes on the API (summarised in docs/api-notes.md) alone;
it shares no code with the collection's client so that it can catch the client's wrong assumptions.
"""
from .sim import Simulator

__version__ = "0.1.0"
__all__ = ["Simulator", "__version__"]
