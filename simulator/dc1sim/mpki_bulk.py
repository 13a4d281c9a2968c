"""A bulk Trust Lifecycle population: certificates built on demand from their index (``mpki_bulk_certificates``).

``Population(tenant, size)`` serves ``size`` certificates in all: the tenant's own (planted ones included) first,
then ``size - stored`` generated ones, none of them stored. Certificate ``j`` of the generated part is a pure
function of ``j`` and the tenant (seed, ``now``, accounts, profiles):

* ``j`` in mixed radix gives its account (``j % A``), status slot (of 20: 3 expired, 1 revoked, 16 issued) and
  profile (one of the four healthy random ones), so a filter on those (and on what a profile decides: business
  unit, seat type, issuing CA, aki) selects the residues of one period ``M = A * 20 * 4``; the count and the k-th
  match follow by arithmetic, without looking at a single certificate;
* a hash of ``j`` gives its dates; ``j`` itself its names (``host-v00000042.example.com``) and serial number (a
  seeded prefix and an invertible permutation of ``j``: a serial number leads straight back to ``j``);
* its body is its profile's pre-signed template with the serial number, the names and the two dates patched in
  place (all fixed width), so building one costs microseconds. Such bodies parse; their signatures do not verify.

Filters on a name part (``common_name``), on dates (``valid_from``/``valid_to``) or on ``thumbprint`` scan the
population once per query (the store caches the answer); ``serial_number`` and ``seat_id`` are inverted. The
generated certificates are healthy under every check, like the random stored ones.
"""
import bisect
import time
from array import array

from . import mpki_x509 as X
from .dates import DAY, instant, iso, parse_now
from .mpki import predicates
from .mpki_gen import HEALTHY_REASONS, RANDOM, SEAT_TYPES

M64 = (1 << 64) - 1
MULT, ADD = 0x9E3779B97F4A7C15, 0x632BE59BD9B4E019  # serial = prefix | (j * MULT + ADD) mod 2**64 (MULT odd)
INV = pow(MULT, -1, 1 << 64)
SLOTS = 20  # status slots: 0-2 expired, 3 revoked, 4-19 issued
MAX_GENERATED = 10 ** 8  # names carry the index in 8 digits
_DIGITS, _SERIAL = b"97531864", 0x5A646331736D2D73657269616C2D736C6F742121  # template placeholders
_START, _END = parse_now("2031-01-01T01:01:01Z"), parse_now("2032-02-02T02:02:02Z")
# filters decided by account, status and profile alone; the others look at each certificate
_STRUCTURED = ("account_id", "business_unit_id", "business_unit_name", "profile_id", "seat_type_id", "aki",
               "issuing_ca_id", "issuing_ca_name", "issuing_ca_serial_number", "status")
_SCANNED = ("common_name", "valid_from", "valid_to", "thumbprint")


def _mix(x):
    """splitmix64: a well-spread 64-bit hash of an integer."""
    x = (x + 0x9E3779B97F4A7C15) & M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & M64
    return x ^ (x >> 31)


def _utc_time(epoch):
    return time.strftime("%y%m%d%H%M%SZ", time.gmtime(epoch)).encode()


def _utc_of_iso(text):
    """UTCTime bytes (YYMMDDHHMMSSZ) of an ISO instant YYYY-MM-DDTHH:MM:SSZ, without a second strftime."""
    return (text[2:4] + text[5:7] + text[8:10] + text[11:13] + text[14:16] + text[17:19] + "Z").encode()


def _names(seat, digits):
    if seat == "server":
        cn = f"host-v{digits}.example.com"
        return cn, cn, (("dns", cn),)
    if seat == "user":
        email = f"user-v{digits}@example.com"
        return f"User v{digits}", email, (("email", email),)
    cn = f"device-v{digits}"
    return cn, cn, ()


class Template:
    """A profile's pre-signed body and the offsets of its fixed-width fields."""

    def __init__(self, prof):
        cn, _seat_id, names = _names(prof["_seat"], _DIGITS.decode())
        self.der = X.end_entity(prof["_ca"], prof["_key"], _SERIAL, cn, names, _START, _END, prof["_seat"])
        self.serial = self._once(_SERIAL.to_bytes(20, "big"))
        self.start, self.end = self._once(_utc_time(_START)), self._once(_utc_time(_END))
        self.digits = [i for i in range(len(self.der)) if self.der.startswith(_DIGITS, i)]
        if len(self.digits) != 1 + len(names):
            raise ValueError("template: the index placeholder must occur once in the subject and once per SAN")

    def _once(self, needle):
        at = self.der.find(needle)
        if at < 0 or self.der.find(needle, at + 1) >= 0:
            raise ValueError("template: a placeholder must occur exactly once")
        return at

    def fill(self, serial, digits, start, end):
        """The body of one certificate: ``start`` and ``end`` as ISO instants (their UTCTime has the same digits)."""
        b = bytearray(self.der)
        b[self.serial:self.serial + 20] = serial.to_bytes(20, "big")
        for at in self.digits:
            b[at:at + 8] = digits
        b[self.start:self.start + 13] = _utc_of_iso(start)
        b[self.end:self.end + 13] = _utc_of_iso(end)
        return bytes(b)


class Population:
    """``size`` certificates in all: the tenant's stored ones, then generated ones up to ``size``."""

    def __init__(self, tenant, size):
        self.size, self.now = size, parse_now(tenant["meta"]["now"])
        self.count = max(0, size - len(tenant["mpki_certificates"]))
        if self.count > MAX_GENERATED:
            raise ValueError(f"mpki_bulk_certificates: at most {MAX_GENERATED} generated certificates")
        seed = tenant["meta"].get("seed") or 0
        self.salt = _mix(seed ^ 0x62756C6B)  # "bulk"
        spread = _mix(self.salt) << 64 | _mix(self.salt ^ M64)
        self.prefix = (spread & ((1 << 94) - 1) | 1 << 94) << 64  # 160 bits, the top two 01: 40 hex digits, 4 to 7
        self.accounts = [a["id"] for a in tenant["accounts"] if not a["name"].startswith("Planted ")] or [
            a["id"] for a in tenant["accounts"]]
        by_name = {p["name"]: p for p in tenant["mpki_profiles"]}
        self.profiles = [by_name[name] for seat in ("server", "user", "device") for name in RANDOM[seat]]
        self.issuers = {i["ca"]: i for i in tenant["mpki_issuers"]}
        self.templates = [Template(p) for p in self.profiles]
        self.account_refs = [{"id": a} for a in self.accounts]
        self.shared = [{"profile": {"id": p["id"], "name": p["name"]}, "seat_type": SEAT_TYPES[p["_seat"]],
                        "aki": self.issuers[p["_ca"]]["aki"],
                        "issuing_ca": {k: self.issuers[p["_ca"]][k] for k in ("id", "name", "serial_number")}}
                       for p in self.profiles]
        self._days = {}
        self.period = len(self.accounts) * SLOTS * len(self.profiles)
        self._residues = {}

    # --- one certificate ---------------------------------------------------------------------------------------
    def parts(self, j):
        """(account index, status, profile index) of generated certificate ``j``."""
        a = len(self.accounts)
        slot = j // a % SLOTS
        status = "expired" if slot < 3 else ("revoked" if slot == 3 else "issued")
        return j % a, status, j // (a * SLOTS) % len(self.profiles)

    def dates(self, j, status, prof):
        """(start, end) epoch seconds: issued and revoked end 60+ days ahead (40+ under 65 days), expired ended
        5 to 600 days ago; the validity is the profile's."""
        h, days = _mix(j ^ self.salt), prof["_validity_days"]
        if status == "expired":
            end = self.now - 5 * DAY - h % (595 * DAY)
        else:
            lo = min(60, days - 5)
            end = self.now + lo * DAY + h % (max(1, days - 1 - lo) * DAY)
        return end - days * DAY + 1, end  # exactly ``days``, notBefore through notAfter inclusive (BR 1.6.1)

    def _iso(self, t):
        """``dates.iso`` with the day's part remembered (a population spans a few hundred days)."""
        days, rest = divmod(t, DAY)
        day = self._days.get(days)
        if day is None:
            day = self._days[days] = iso(days * DAY)[:11]
        return "%s%02d:%02d:%02dZ" % (day, rest // 3600, rest // 60 % 60, rest % 60)

    def serial(self, j):
        return self.prefix | (j * MULT + ADD) & M64

    def certificate(self, j):
        """Generated certificate ``j`` as a stored one looks (``_der``: its body)."""
        account, status, p = self.parts(j)
        prof, template, shared = self.profiles[p], self.templates[p], self.shared[p]
        start, end = self.dates(j, status, prof)
        digits = "%08d" % j
        cn, seat_id, _sans = _names(prof["_seat"], digits)
        serial = self.serial(j)
        valid_from, valid_to = self._iso(start), self._iso(end)
        # the parts every certificate of a profile (or account) shares are shared objects: nobody mutates them
        cert = {"profile": shared["profile"], "seat": {"seat_id": seat_id}, "account": self.account_refs[account],
                "business_unit": prof["_business_unit"], "common_name": cn, "status": status,
                "serial_number": "%040X" % serial, "valid_from": valid_from, "valid_to": valid_to, "notes": "",
                "_seat_type": shared["seat_type"], "_aki": shared["aki"], "_issuing_ca": shared["issuing_ca"]}
        if end >= 2524608000 or start < -631152000:  # UTCTime ends with 2049: build such a body for real
            cert["_der"] = X.end_entity(prof["_ca"], prof["_key"], serial, cn, _sans, start, end, prof["_seat"])
        else:
            cert["_der"] = template.fill(serial, digits.encode(), valid_from, valid_to)
        if status == "revoked":
            revoked = start + DAY + _mix(j ^ ~self.salt & M64) % max(DAY, self.now - start - 2 * DAY)
            cert["revocation"] = {"reason": HEALTHY_REASONS[j % 3], "revocation_date": iso(revoked), "comments": ""}
        return cert

    def find(self, serial, scope):
        """The generated certificate with this serial number (upper-case hex) in ``scope``, or None."""
        j = self._index_of_serial(serial)
        if j is None:
            return None
        cert = self.certificate(j)
        return cert if scope is None or cert["account"]["id"] in scope else None

    def _index_of_serial(self, serial):
        if len(serial) != 40:
            return None
        try:
            value = int(serial, 16)
        except ValueError:
            return None
        if value >> 64 << 64 != self.prefix:
            return None
        j = ((value & M64) - ADD) * INV & M64
        return j if j < self.count else None

    # --- selections --------------------------------------------------------------------------------------------
    def select(self, stored, scope, q):
        """The stored matches, then the generated ones ``q`` selects in ``scope``: a lazy sequence."""
        residues = self.residues(scope, q)
        scan = self._scan(residues, q)
        return Selection(stored, self, residues, scan)

    def residues(self, scope, q):
        """Sorted residues ``r`` (mod the period) whose account, status and profile pass the structured filters."""
        key = (None if scope is None else tuple(sorted(scope)), tuple((k, q[k]) for k in _STRUCTURED if q.get(k)))
        if key not in self._residues:
            tests = predicates({k: q[k] for k in _STRUCTURED if q.get(k)})  # the stored search's own tests
            self._residues[key] = [r for r in range(self.period) if all(t(self._probe(r)) for t in tests)
                                   and (scope is None or self.accounts[self.parts(r)[0]] in scope)]
        return self._residues[key]

    def _probe(self, r):
        """What account, status and profile decide of a certificate with residue ``r``, as a stored one holds it."""
        account, status, p = self.parts(r)
        prof = self.profiles[p]
        issuer = self.issuers[prof["_ca"]]
        return {"account": {"id": self.accounts[account]}, "business_unit": prof["_business_unit"],
                "profile": {"id": prof["id"]}, "_seat_type": SEAT_TYPES[prof["_seat"]], "_aki": issuer["aki"],
                "_issuing_ca": issuer, "status": status}

    def _scan(self, residues, q):
        """None when the structured filters decide alone; else the generated indices that pass every filter."""
        if q.get("serial_number"):
            j = self._index_of_serial(q["serial_number"].upper())
            candidates = [] if j is None else [j]
        elif q.get("seat_id"):
            candidates = self._index_of_seat(q["seat_id"])
        elif any(q.get(k) for k in _SCANNED):
            candidates = _walk(residues, self.period, self.count)
        else:
            return None
        allowed, passes = frozenset(residues), self._tests(q)
        return array("q", (j for j in candidates if j % self.period in allowed and passes(j)))

    def _tests(self, q):
        """A test of generated index ``j`` against the name, date and thumbprint filters, computing only what they
        read (the dates and the name cost about a microsecond; a thumbprint needs the whole body)."""
        lo = instant(q["valid_from"]) if q.get("valid_from") else None  # "issued after"
        hi = instant(q["valid_to"]) if q.get("valid_to") else None  # "expiring before"
        cn = q["common_name"].lower() if q.get("common_name") else None
        tests = predicates({"thumbprint": q["thumbprint"]}) if q.get("thumbprint") else []

        def passes(j):
            _account, status, p = self.parts(j)
            prof = self.profiles[p]
            if lo is not None or hi is not None:
                start, end = self.dates(j, status, prof)
                if (lo is not None and start < lo) or (hi is not None and end >= hi):
                    return False
            if cn is not None and cn not in _names(prof["_seat"], "%08d" % j)[0].lower():
                return False
            return all(t(self.certificate(j)) for t in tests)
        return passes

    def _index_of_seat(self, seat_id):
        for prefix, suffix in (("host-v", ".example.com"), ("user-v", "@example.com"), ("device-v", "")):
            middle = seat_id[len(prefix):len(seat_id) - len(suffix)]
            if seat_id.startswith(prefix) and seat_id.endswith(suffix) and len(middle) == 8 and middle.isdigit():
                j = int(middle)
                if j < self.count and _names(self.profiles[self.parts(j)[2]]["_seat"], middle)[1] == seat_id:
                    return [j]
        return []


def _walk(residues, period, count):
    """Generated indices below ``count`` whose residue is in ``residues``, in order."""
    for base in range(0, count, period):
        for r in residues:
            if base + r >= count:
                break
            yield base + r


class Selection:
    """A search answer over a bulk population: ``stored`` matches, then generated ones, built when asked for."""

    def __init__(self, stored, population, residues, scan):
        self.stored, self.pop, self.residues, self.scan = stored, population, residues, scan
        if scan is not None:
            self.generated = len(scan)
        else:
            full, rest = divmod(population.count, population.period)
            self.generated = full * len(residues) + bisect.bisect_left(residues, rest)

    def __len__(self):
        return len(self.stored) + self.generated

    def _index(self, k):
        """The generated index of the k-th generated match."""
        if self.scan is not None:
            return self.scan[k]
        per = len(self.residues)
        return k // per * self.pop.period + self.residues[k % per]

    def __getitem__(self, item):
        if isinstance(item, slice):
            start, stop, step = item.indices(len(self))
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            n = len(self.stored)
            return list(self.stored[start:min(stop, n)]) + [
                self.pop.certificate(self._index(k - n)) for k in range(max(start, n), stop)]
        if item < 0:
            item += len(self)
        if not 0 <= item < len(self):
            raise IndexError("selection index out of range")
        if item < len(self.stored):
            return self.stored[item]
        return self.pop.certificate(self._index(item - len(self.stored)))
