/**
 * A host's tunables, derived from its sysctls and the profile. Recomputed when a script step
 * changes a sysctl during the run (`{ call: "sysctl" }`), as writing /proc/sys/net/... does.
 */
import type { Profile } from "./types";
import type { Sysctl } from "./scenario";
import type { HostParams } from "./internal";

/** Linux TCP_TIMEWAIT_LEN (include/net/tcp.h): 60 s, independent of tcp_fin_timeout. */
const LINUX_TIME_WAIT_US = 60_000_000;

export function hostParams(profile: Profile, sys: Sysctl): HostParams {
  const linux = profile === "linux";
  return {
    profile,
    sys,
    // RFC 6298 §2.4: RTO ≥ 1 s in the textbook; Linux uses tcp_rto_min (200 ms).
    rtoMinUs: linux ? Math.round(sys.tcp_rto_min_ms * 1000) : 1_000_000,
    rtoMaxUs: Math.round(sys.tcp_rto_max_ms * 1000),
    rtoInitUs: Math.round(sys.tcp_timeout_init_ms * 1000),
    delackUs: Math.round(sys.tcp_delack_min_ms * 1000),
    wheel: linux,
    timeWaitUs: linux ? LINUX_TIME_WAIT_US : Math.round(2 * sys.msl_ms * 1000),
    ephemeralLo: linux ? sys.ip_local_port_range[0] : 49152,
    ephemeralHi: linux ? sys.ip_local_port_range[1] : 65535,
  };
}

