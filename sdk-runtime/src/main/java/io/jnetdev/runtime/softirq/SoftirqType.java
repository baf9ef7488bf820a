package io.jnetdev.runtime.softirq;

/** The softirq vectors, in Linux's order ({@code include/linux/interrupt.h}), as {@code /proc/softirqs} lists them. */
public enum SoftirqType {
    HI, TIMER, NET_TX, NET_RX, BLOCK, IRQ_POLL, TASKLET, SCHED, HRTIMER, RCU
}
