"""The keys of the simulated Trust Lifecycle PKI: throwaway test keys, published here on purpose.

Certificates are part of a tenant, and a tenant is a pure function of its seed, sizes and ``now`` (byte-identical
across processes), so their keys cannot be drawn from the OS at run time. RSA keys are stored as their two primes
(generating a 2,048-bit RSA key from a seeded stream in Python would take about 0.3 s each); EC keys are derived
from a hash of their name. They sign simulated certificates only: never use them for anything else.
"""
import functools
import hashlib

from cryptography.hazmat.primitives.asymmetric import ec, rsa

RSA_PRIMES = {
    "ca-digicert-root-g2": (
        int("b92da2db883c40df25a86ea2f1cf836eaab2eae2ddc15ebea049fa4267dcb5e41e1d8a7eadfb9865a6d060c5f9768d62"
            "f5481bad15f9f7360425fbe517dcbf6f795a37a3d88a27e353a803a26140e7d2f8ae6cf5193af1770911dd349e14d395"
            "ecb81059a8fcac0f9215594f704ff51c002a3723ffce8a2879a72c90c6ee4511", 16),
        int("b82c0fdb4daf16364b1deb6bf9542c02d9693c0db483738998d648f4d41ae8b9b338f649f1c8e1fe7b5acc75545575ff"
            "bf2ee47ce4a4dbba20bd91e386c23b94baefe18756c91310e758dc273cdc6bbd91c88863cbe2ea18126c6d70e911f07c"
            "a3d875569c1928158d6f8e86f73e389eb874d578307c1d16bf9ebeb7ea9e5105", 16),
    ),
    "ca-digicert-g2-tls": (
        int("fd586e9b440a4dd58ca0a7e1c5a1ae51167b38d251f733edbd6263a028d18c583eb58499e992bb6589af656a8979cfd5"
            "c2b28ed2fd920c3c11bf8dccc19ec465261010ae891892fd0a10b17125f9435662f4a4af5bcc52fa4385fedc53977aaa"
            "b880b3b62f077c4838420dc760f4924606665ca470d74205a2bbdbf3f9914641", 16),
        int("e1eef22c594591f2a80264c9d5ebb19ca03e2d9cab2ce4da1b9ab923e4feccecfbb7f92f58b9dab185cfc2ee7bcb26d5"
            "c1ce1b9e21379e03876957c7828730bc4f8cbee44ae4a961e7d33c729ca8aee0b8f1f82afbbac0273423653dbdee8bd2"
            "6cf414de03ab8a410688b29c843b75c2f299caf52bb509985b6795ec6cef3067", 16),
    ),
    "ca-example-rsa": (
        int("ce545e393dcc9e6ca5b585a16e15113af2ef41cd53bd065f99dd134bf334f2fe2e3ddbca632aa23af4fa5cafc0d7595c"
            "ea64ef435cc3e2e7e31cc75f49e5ea999ba1472a0f48246fb3d881137ca49c0dd4f542308b79083d92ee4ffd7bc41371"
            "94e1593944e7802b1d25759a9cbd33afe69759f1d3faf60a9274fdcbfe83b8a9", 16),
        int("b6bc30d3eb7b32d408ea881393b4cf2bb8ab1b23a12fc4ee66adb96118645bf82b58f1d457bd4080677ed0e083d76f42"
            "0fbc2152c8bb94007cc0a855eced281c3458d7d91d3c8c1ab0bce73e8fdb10d6e3cc7b0c5691242f41da4634b6e5d44b"
            "e805766ece3fa8c65474e89a04f352e98ef959535c6e12de801db85b3882a985", 16),
    ),
    "ca-third-party": (
        int("fe7e83a6513a635d3d7a9dcca0ce80a5e1b5eb27cdd4af84436a638acd69aa36afb3a230aaaf87121d03133e521060e1"
            "932b9edc84b0f1438393811387d6553505772fb808f9eb289fac6c55e3d4a3fd3384bfb5527b625497f2c3aca5758389"
            "de7254f5797d89ffa06c29f812749e0130886f58eb4fcdb593f471ae2ec5142b", 16),
        int("f86ba0d608673d13cf57ea21c1c70c386a0384031ec0fea3d3772a9f6e75eeb998d443fcfe67d2e90d2c3571557d3ab1"
            "d5ca51f4c0ca5118c59180a46902d80616db6e1d85cff74aaf54c83849d0334fcb58744637540b4ce7697ea732d49d55"
            "35a1c6e1aabd515a2f1a947b3fb8cad6927f0536470d93125963975ea2d5cedd", 16),
    ),
    "ee-rsa-2048": (
        int("e38cd59227f94e3e26442f1c5f4717ed3995f5d861ee00f8481e2ac3dc5dcdd3f746ba7cd88fd114a0aa234f715875e8"
            "8ef0d65fa06622bc43f45802f4f231616aaf3d613c7a8be4dadcb758a91f108188a43512a6be676c2a16a12cfc94c5dd"
            "0447bc00c529b4cea67b265aa3270fc98691534eb5f2b3778526f90037602903", 16),
        int("dd7cdf1953150aedd1bee11e18d4a7617bf13b7388206e41d8a363335551040d8326d2982be722594fc1c063cd5ea31c"
            "81d2d646c054964b6717233cf0e3f6641e27e7faceaf9149507a348bdc9ef494a3e67ff286104b89586404ef006b6f20"
            "d46cb333ab0c1484754efd2572b64003accbd953b9a0c802cdadfb6ef4cecb75", 16),
    ),
    "ee-rsa-3072": (
        int("da6c77234393a44f4cc4d48d41801bc568c5ed82dbb2b961c6a3c7f39f0e4b587ad5bf210378d239a2324d09e6b39cdd"
            "bbec788a3eec925ce54e45e0f915169190c38d7f70533047a5f09eb2602fe560cf13de926d7df4587f603b06c241678c"
            "99d4403943ca196f4e78913b03d92340055e72158510de987ae68d1d02abba55202b3f03ab3f46f067287709aae33585"
            "381ab2d6b7fc65e0b0b826da97990bf06b46ef56f34ea6172b371566ddb8026c6e88524989e33070e18a743c329db4b5", 16),
        int("bb755ba91e2fe37be93492971577c3f6bac293c255af905512721e0d48561dab1763218aeb42301afd4f59ed965eaa85"
            "59e0fee9105b0c173123e9ce0a5a6ffae263f1da40f371b9292e45e85c001ed9805413573328d9d520522e911dad915d"
            "173579a4453a1c0be00f265250f1f76e3215d140a139ee0deb93b1c756522447856f7ed395023418a903f5945e257c66"
            "be82d7197647da7220a30e22d30f96b5087fb57977beec5982613c6ab42b600bf15ac83a23991059afe0f0e9883f1fed", 16),
    ),
    "ee-rsa-1024": (
        int("ffcbed10babb0d1f3481814ae5f787accb0ba4872cbacc0ec0df7a00a24d31c7f53183b4d5fd35f4ee055a72ff26611b"
            "5c310af57bf86f50ffa632c90dd458db", 16),
        int("c5dc29a17db6d8305a5b25b1f75b96c2ed9c65e97e060e9a489d87d30a74516e18b834347b34232ab1a25eebce1c1dc7"
            "ac9ab199fa62230de01bac71836f0449", 16),
    ),
}
EC_CURVES = {
    "ca-example-root": ec.SECP384R1, "ca-example-ecc": ec.SECP384R1, "ca-third-party-root": ec.SECP384R1,
    "ee-p256": ec.SECP256R1, "ee-p384": ec.SECP384R1, "ee-secp256k1": ec.SECP256K1,
}
NAMES = tuple(RSA_PRIMES) + tuple(EC_CURVES)


@functools.lru_cache(maxsize=None)
def private_key(name):
    """The private key called ``name`` (one of ``NAMES``), built once per process."""
    if name in EC_CURVES:
        # 248 bits from the name's hash: below the order of every curve used here, so always a valid scalar
        scalar = int.from_bytes(hashlib.sha256(b"dc1sim " + name.encode()).digest(), "big") >> 8
        return ec.derive_private_key(scalar, EC_CURVES[name]())
    p, q = RSA_PRIMES[name]
    e = 65537
    d = pow(e, -1, (p - 1) * (q - 1))
    numbers = rsa.RSAPrivateNumbers(p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q),
                                    rsa.rsa_crt_iqmp(p, q), rsa.RSAPublicNumbers(e, p * q))
    # the primes are checked once by the simulator's tests; checking them again here costs ~50 ms a key
    return numbers.private_key(unsafe_skip_rsa_key_validation=True)
