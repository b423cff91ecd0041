package org.sipladder.source;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.PacketFeed;

/**
 * Receives HEP from capture agents (heplify, Kamailio, FreeSWITCH, drachtio) as Homer does: v2 and v3 over UDP,
 * v3 over TCP (framed by its length field), and decodes every packet with the capture package's HEP decoder, so
 * the messages carry the agent's addresses and times. The listener is called on the receiving threads, one at a
 * time, in arrival order.
 */
public final class HepListener implements Closeable {

    private static final int MAX_DATAGRAM = 65_535;
    private static final int HEP3_HEADER = 6;

    private final PacketFeed feed;
    private final List<Closeable> sockets = new CopyOnWriteArrayList<>();
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong notHep = new AtomicLong();
    private volatile boolean closed;

    private HepListener(CaptureListener listener) {
        this.feed = new PacketFeed(listener);
    }

    /**
     * Starts listening on every address of {@code binds}.
     *
     * @throws IOException naming the address that cannot be bound (in use, not local, no permission)
     */
    public static HepListener start(List<ListenAddress> binds, CaptureListener listener) throws IOException {
        HepListener hep = new HepListener(listener);
        try {
            for (ListenAddress b : binds) {
                hep.bind(b);
            }
        } catch (IOException e) {
            hep.close();
            throw e;
        }
        return hep;
    }

    private void bind(ListenAddress address) throws IOException {
        InetSocketAddress at = address.socketAddress();
        try {
            if (address.protocol() == ListenAddress.Protocol.UDP) {
                DatagramSocket socket = new DatagramSocket(at);
                socket.setReceiveBufferSize(1 << 22);
                sockets.add(socket);
                bound.add(new InetSocketAddress(at.getAddress(), socket.getLocalPort()));
                daemon("hep udp " + socket.getLocalPort(), () -> receive(socket));
            } else {
                ServerSocket server = new ServerSocket();
                server.setReuseAddress(true);
                server.bind(at);
                sockets.add(server);
                bound.add(new InetSocketAddress(at.getAddress(), server.getLocalPort()));
                daemon("hep tcp " + server.getLocalPort(), () -> accept(server));
            }
        } catch (IOException e) {
            throw new IOException(address + ": cannot listen (" + e.getMessage() + ")", e);
        }
    }

    /** The addresses listened on, with the ports the system chose for port 0, in the order given. */
    public List<InetSocketAddress> boundAddresses() {
        return List.copyOf(bound);
    }

    /** HEP packets received so far. */
    public long packets() {
        return packets.get();
    }

    /** Packets received that were not HEP carrying SIP (other HEP payloads such as RTCP reports or logs, or noise). */
    public long ignored() {
        return notHep.get();
    }

    private void receive(DatagramSocket socket) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // closed
            }
            decode(buffer, packet.getLength());
        }
    }

    private void accept(ServerSocket server) {
        while (!closed) {
            Socket connection;
            try {
                connection = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            sockets.add(connection);
            daemon("hep tcp " + connection.getRemoteSocketAddress(), () -> stream(connection));
        }
    }

    /** One agent's TCP connection: HEP3 packets back to back, each saying its length. */
    private void stream(Socket connection) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        try (connection; DataInputStream in = new DataInputStream(connection.getInputStream())) {
            while (!closed) {
                in.readFully(buffer, 0, HEP3_HEADER);
                int total = (buffer[4] & 0xff) << 8 | buffer[5] & 0xff;
                if (buffer[0] != 'H' || buffer[1] != 'E' || buffer[2] != 'P' || buffer[3] != '3' || total < HEP3_HEADER) {
                    notHep.incrementAndGet();
                    return; // not HEP3 framing: nothing says where the next packet starts
                }
                in.readFully(buffer, HEP3_HEADER, total - HEP3_HEADER);
                decode(buffer, total);
            }
        } catch (EOFException | SocketException e) {
            // the agent hung up, or we closed
        } catch (IOException e) {
            // a broken connection ends that agent's stream only
        } finally {
            sockets.remove(connection);
        }
    }

    private void decode(byte[] buffer, int length) {
        long now = System.currentTimeMillis() * 1000;
        synchronized (feed) {
            if (closed) {
                return;
            }
            packets.incrementAndGet();
            if (!feed.hep(now, buffer, 0, length)) {
                notHep.incrementAndGet();
            }
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    /** Stops listening; once this returns the listener is called no more. */
    @Override
    public void close() {
        closed = true;
        for (Closeable socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
        synchronized (feed) {
            // waits for a packet being decoded
        }
    }
}
