/**
 * Kernel time as the linux profile sees it: jiffies at HZ = 250 (CONFIG_HZ_250, the
 * distribution default and the kernel the facts were recorded on) and the timer wheel that
 * decides when a timer_list timer really fires.
 *
 * Every TCP timer (retransmission/TLP, delayed ACK, SYN-ACK of a request, TIME-WAIT,
 * FIN-WAIT-2) is a timer_list armed with `jiffies + timeout` (sk_reset_timer(),
 * inet_twsk_schedule(), reqsk_queue_hash_req()). The wheel (kernel/time/timer.c,
 * calc_wheel_index() / calc_index()) files a timer in a level chosen by how far away it is, and
 * rounds its expiry *up* to that level's granularity so it never fires early: 1 jiffy (4 ms)
 * below 63 jiffies, 8 jiffies (32 ms) below 504, 64 (256 ms) below 4032, 512 (2.048 s) below
 * 32256, 4096 (16.384 s) below 258048… — the longer the timeout, the coarser the level.
 *
 * Observed on Linux 6.18.44 (netns, HZ=250; lib/tcp/kernel-facts README, cases 08–10):
 * SYN retransmissions 1024, 1024, 1024, 1024, 1024, 2016, 4096, 8192, 16128, 32513 ms apart;
 * TIME-WAIT sockets closed 0.55 s apart all vanish on one 2.048 s grid line, 60.2–61.6 s after
 * close(); an RTO of 51 jiffies fires 52 jiffies (208 ms) after it was armed.
 *
 * The simulation starts on a jiffy that is a multiple of every granularity (the wheel's
 * clk = 0), so t = 0 is a tick and, e.g., a SYN sent at t = 0 is retransmitted at 1024 ms.
 */

/** CONFIG_HZ. */
export const HZ = 250;
/** One jiffy in µs. */
export const JIFFY_US = 1_000_000 / HZ;

/** LVL_CLK_SHIFT, LVL_BITS, LVL_DEPTH (HZ > 100) in kernel/time/timer.c. */
const LVL_CLK_SHIFT = 3;
const LVL_BITS = 6;
const LVL_SIZE = 1 << LVL_BITS;
const LVL_DEPTH = 9;

/** usecs_to_jiffies(): rounds up. */
export const usToJiffies = (us: number): number => Math.ceil(us / JIFFY_US);

/** jiffies now (the tick the simulated instant falls in). */
export const jiffiesAt = (nowUs: number): number => Math.floor(nowUs / JIFFY_US);

/**
 * calc_wheel_index(expires, clk) → bucket_expiry: the jiffy at which a timer armed at `clk`
 * for `expires` actually runs. calc_index(): `expires = (expires >> LVL_SHIFT(lvl)) + 1;
 * bucket_expiry = expires << LVL_SHIFT(lvl)`; the level is the first whose start
 * (LVL_START(n) = (LVL_SIZE − 1) << ((n − 1)·LVL_CLK_SHIFT)) exceeds expires − clk.
 */
export function bucketExpiry(expires: number, clk: number): number {
  const delta = expires - clk;
  if (delta < 0) return clk;
  let lvl = 0;
  while (lvl < LVL_DEPTH - 1 && delta >= (LVL_SIZE - 1) << (lvl * LVL_CLK_SHIFT)) lvl++;
  const shift = lvl * LVL_CLK_SHIFT;
  // 1 << shift is 2 ** shift (shift ≤ 24), without a call to Math.pow on every timer armed.
  return ((expires >> shift) + 1) * (1 << shift);
}

/**
 * When a timer armed now for `timeoutUs` fires (µs): `mod_timer(t, jiffies +
 * usecs_to_jiffies(timeout))` rounded by the wheel. A timeout of 0 jiffies runs on the next
 * tick (a delayed ACK with ato = 0: kernel facts 02b/02c, 1.8 and 3.0 ms).
 */
export function wheelFireUs(nowUs: number, timeoutUs: number): number {
  const clk = jiffiesAt(nowUs);
  return bucketExpiry(clk + usToJiffies(timeoutUs), clk) * JIFFY_US;
}
