package org.sipladder.diagnose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IllegalRawDataException;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.UdpPacket;
import org.sipladder.flow.CallFlow;

/** The bundled demo capture (carrier -> Jambonz -> LiveKit, 503 then 603) as a call flow for tests. */
final class SeedCall {

    private SeedCall() {
    }

    static CallFlow flow() {
        TestCall call = TestCall.carrierJambonzLiveKit();
        try (InputStream in = SeedCall.class.getResourceAsStream("/org/sipladder/demo/seed-livekit-503.pcap")) {
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            b.position(24);
            while (b.remaining() > 0) {
                b.position(b.position() + 8);
                int length = b.getInt();
                b.getInt();
                byte[] frame = new byte[length];
                b.get(frame);
                IpV4Packet ip = EthernetPacket.newPacket(frame, 0, length).get(IpV4Packet.class);
                String text = new String(ip.get(UdpPacket.class).getPayload().getRawData(), StandardCharsets.US_ASCII);
                call.send(ip.getHeader().getSrcAddr().getHostAddress(), ip.getHeader().getDstAddr().getHostAddress(), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalRawDataException e) {
            throw new IllegalStateException(e);
        }
        return call.flow();
    }
}
