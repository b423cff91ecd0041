package org.sipladder.ladder;

/**
 * One media stream's row, placed among the message rows at the time of its first packet.
 *
 * @param slot   position of the row from the top, counting message and stream rows
 * @param stream the stream
 * @param bounds the row's band, gutter included
 * @param time   capture time of the first packet
 * @param delta  how long the stream lasted
 * @param arrow  the arrow
 */
public record StreamRow(int slot, LadderStream stream, Box bounds, LadderText time, LadderText delta,
                        StreamArrow arrow) {
}
