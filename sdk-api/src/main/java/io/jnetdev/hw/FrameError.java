package io.jnetdev.hw;

/**
 * What went wrong with a frame on the wire, as the receiving MAC detects it. A MAC counts each in
 * its own statistics register (on the 82574L: CRCERRS, ALGNERRC, SYMERRS) and drops the frame
 * unless told to store bad packets. Lengths are not errors of this kind: a runt or an oversize
 * frame arrives through {@link FrameSink#frame} with its short or long length, and the MAC judges it.
 */
public enum FrameError {
    /** The frame check sequence does not match the frame: damaged in transit. */
    FCS,
    /** The frame does not end on an octet boundary (dribble bits); its FCS is wrong too. */
    ALIGNMENT,
    /** The PHY decoded an invalid symbol inside the frame. */
    SYMBOL
}
