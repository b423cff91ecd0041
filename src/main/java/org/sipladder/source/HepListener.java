package org.sipladder.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.PacketFeed;

/**
 * Receives HEP from capture agents (heplify, Kamailio, FreeSWITCH, drachtio) as Homer does: v2 and v3 over UDP,
 * v3 over TCP (framed by its length field), and decodes every packet with the capture package's HEP decoder, so
 * the messages carry the agent's addresses and times. The listener is called on the receiving threads, one at a
 * time, in arrival order. Each TCP agent has a thread and a 64 KB buffer of its own, so at most
 * {@link #MAX_CONNECTIONS} are served at once: anyone can connect, and thousands of idle connections must not take
 * the memory and threads of the machine. A connection that sends nothing for {@link #IDLE_TIMEOUT} is closed with a
 * notice, so that agents gone without a word (a crash, a cut network: no FIN ever comes) give their slots back.
 */
public final class HepListener implements Closeable {

    private static final int MAX_DATAGRAM = 65_535;
    private static final int HEP3_HEADER = 6;
    /** How much of a datagram that is not HEP its notice quotes. */
    private static final int QUOTED = 32;
    /** Far more capture agents than one deployment has; a connection beyond them is closed at once. */
    static final int MAX_CONNECTIONS = 256;
    /**
     * How long a TCP connection may send nothing before it is closed. Agents send a HEP packet per message they
     * capture and no HEP keep-alive (heplify's keepalive option is TCP's own, which never reaches us), so a silent
     * connection is either a quiet network or an agent gone; closing it costs a quiet agent a reconnect (and, as with
     * any close, possibly the first packet it writes before it notices), keeping it costs one of the slots.
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    private final PacketFeed feed;
    private final List<Closeable> sockets = new CopyOnWriteArrayList<>();
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong notHep = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    /** TCP connections closed for what they sent, cut off in a packet or silent for {@link #IDLE_TIMEOUT}. */
    private final AtomicLong dropped = new AtomicLong();
    /**
     * The faults of HEP packets told of, as "fault|agent address": each kind once per agent, the rest counted. At most
     * {@link #MAX_FAULTS_TOLD} are kept, so a flood from spoofed addresses cannot grow it without end.
     */
    private final Set<String> faultsTold = ConcurrentHashMap.newKeySet();
    static final int MAX_FAULTS_TOLD = 3 * MAX_CONNECTIONS;
    /** Whether a datagram that is not HEP was told of: the first is, the others are counted. */
    private final AtomicBoolean noticedNotHep = new AtomicBoolean();
    private final Consumer<String> notices;
    /** {@link #IDLE_TIMEOUT} in milliseconds, or shorter in tests. */
    private final int idleMillis;
    private volatile boolean closed;

    private HepListener(CaptureListener listener, Consumer<String> notices, Duration idle) {
        this.feed = new PacketFeed(listener);
        this.notices = notices;
        this.idleMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, idle.toMillis()));
    }

    /**
     * Starts listening on every address of {@code binds}.
     *
     * @throws IOException naming the address that cannot be bound (in use, not local, no permission)
     */
    public static HepListener start(List<ListenAddress> binds, CaptureListener listener) throws IOException {
        return start(binds, listener, notice -> { });
    }

    /**
     * Starts listening on every address of {@code binds}; {@code notices} hears, in one line each, of the TCP
     * connections dropped for what they sent and of the first connection refused for the limit (called on the
     * receiving threads, one at a time and never while the listener is handed a message).
     *
     * @throws IOException naming the address that cannot be bound (in use, not local, no permission)
     */
    public static HepListener start(List<ListenAddress> binds, CaptureListener listener, Consumer<String> notices)
            throws IOException {
        return start(binds, listener, notices, IDLE_TIMEOUT);
    }

    /** As {@link #start(List, CaptureListener, Consumer)}, closing TCP connections silent for {@code idle}. */
    static HepListener start(List<ListenAddress> binds, CaptureListener listener, Consumer<String> notices,
                             Duration idle) throws IOException {
        HepListener hep = new HepListener(listener, notices, idle);
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

    /** TCP connections closed at once because {@link #MAX_CONNECTIONS} agents were connected. */
    public long refusedConnections() {
        return refused.get();
    }

    /**
     * TCP connections closed for what they sent (not HEP3), hung up in the middle of a packet, or silent for
     * {@link #IDLE_TIMEOUT}: each kind is told once per host, the rest only counted here.
     */
    public long droppedConnections() {
        return dropped.get();
    }

    /** TCP connections being served now. */
    int connections() {
        return connections.get();
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
            String from = packet.getAddress().getHostAddress();
            if (!decode(buffer, packet.getLength(), "UDP", from, from + ":" + packet.getPort())
                    && !PacketFeed.looksLikeHep(buffer, 0, packet.getLength())
                    && !noticedNotHep.getAndSet(true)) {
                notice("HEP over UDP from " + packet.getAddress().getHostAddress() + ":" + packet.getPort()
                        + ": a datagram that is not HEP (" + quoted(buffer, packet.getLength()) + "); check that the "
                        + "agent sends HEP here. Further ones are counted, not shown");
            }
        }
    }

    /** How a datagram starts, in printable ASCII ('.' for any other byte), as a notice quotes it. */
    private static String quoted(byte[] b, int length) {
        if (length == 0) {
            return "it is empty";
        }
        StringBuilder text = new StringBuilder("it starts \"");
        for (int i = 0; i < Math.min(length, QUOTED); i++) {
            text.append(b[i] >= 0x20 && b[i] < 0x7f ? (char) b[i] : '.');
        }
        return text.append('"').toString();
    }

    private void accept(ServerSocket server) {
        while (!closed) {
            Socket connection;
            try {
                connection = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (connections.incrementAndGet() > MAX_CONNECTIONS) {
                connections.decrementAndGet();
                refuse(connection);
                continue;
            }
            sockets.add(connection);
            daemon("hep tcp " + connection.getRemoteSocketAddress(), () -> stream(connection));
        }
    }

    /** One agent's TCP connection: HEP3 packets back to back, each saying its length. */
    private void stream(Socket connection) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        try (connection; InputStream in = connection.getInputStream()) {
            // a read that waits this long throws: the slot is given back instead of held for an agent that is gone
            connection.setSoTimeout(idleMillis);
            while (!closed) {
                int header = fill(in, buffer, 0, HEP3_HEADER);
                if (header < HEP3_HEADER) {
                    if (header > 0) {
                        hungUp(connection, header, -1, false);
                    }
                    return;
                }
                int total = (buffer[4] & 0xff) << 8 | buffer[5] & 0xff;
                boolean magic = buffer[0] == 'H' && buffer[1] == 'E' && buffer[2] == 'P' && buffer[3] == '3';
                if (!magic || total < HEP3_HEADER) {
                    // received, and not HEP carrying SIP: counted as both, as a UDP datagram of noise is
                    packets.incrementAndGet();
                    notHep.incrementAndGet();
                    // not HEP3 framing: nothing says where the next packet starts
                    dropped(connection, "framing", (magic ? "a packet length of " + total : "not HEP3")
                            + " where a packet should start; connection closed");
                    return;
                }
                int got = HEP3_HEADER + fill(in, buffer, HEP3_HEADER, total - HEP3_HEADER);
                // a packet cut short keeps what came, flagged, as a datagram does
                boolean kept = decode(buffer, got, "TCP", connection.getInetAddress().getHostAddress(),
                        peer(connection));
                if (got < total) {
                    hungUp(connection, got, total, kept);
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            dropped(connection, "idle", "nothing received for " + idle()
                    + "; connection closed (the agent reconnects when it has something to send)");
        } catch (SocketException e) {
            // the agent's connection broke, or we closed
        } catch (IOException e) {
            // a broken connection ends that agent's stream only
        } finally {
            sockets.remove(connection);
            connections.decrementAndGet();
        }
    }

    /** Reads into {@code b[off, off+len)} until it is full or the peer hangs up: the bytes read. */
    private static int fill(InputStream in, byte[] b, int off, int len) throws IOException {
        int got = 0;
        while (got < len) {
            int n = in.read(b, off + got, len - got);
            if (n < 0) {
                break;
            }
            got += n;
        }
        return got;
    }

    /**
     * The agent hung up {@code got} bytes into a packet of {@code total} bytes (-1: its header was not whole);
     * {@code kept}: the SIP that came of it was handed on.
     */
    private void hungUp(Socket connection, int got, int total, boolean kept) {
        if (total < 0) {
            packets.incrementAndGet();
            notHep.incrementAndGet();
        }
        dropped(connection, "cut " + (total < 0) + kept, "the connection closed " + got + " bytes into a packet"
                + (total < 0 ? "" : " of " + total + " bytes") + (kept ? "; what came of it is kept"
                : "; nothing of it could be read"));
    }

    /**
     * Counts a connection closed for {@code what} and tells of it, the first time for this {@code kind} and host only:
     * a peer that reconnects and does the same again (a scanner, an agent misconfigured in a loop) would otherwise
     * write a line per connection for as long as it kept on. Bounded as {@link #faultsTold} is.
     */
    private void dropped(Socket connection, String kind, String what) {
        dropped.incrementAndGet();
        String host = connection.getInetAddress().getHostAddress();
        if (faultsTold.size() < MAX_FAULTS_TOLD && faultsTold.add("connection " + kind + "|" + host)) {
            notice("HEP over TCP from " + peer(connection) + ": " + what + ". Further such connections from " + host
                    + " are counted, not shown");
        }
    }

    private void refuse(Socket connection) {
        if (refused.incrementAndGet() == 1) {
            notice("HEP over TCP: " + MAX_CONNECTIONS + " agents connected, closing the connection from "
                    + peer(connection) + " and any further ones");
        }
        try {
            connection.close();
        } catch (IOException ignored) {
            // refusing is all we wanted
        }
    }

    /** Hands {@code text} to the notices, in turn with the messages (the listener hears one thing at a time). */
    private void notice(String text) {
        synchronized (feed) {
            if (!closed) {
                notices.accept(text);
            }
        }
    }

    /** {@link #idleMillis} as people say it: "5 minutes", "300 ms". */
    private String idle() {
        if (idleMillis % 60_000 == 0) {
            int minutes = idleMillis / 60_000;
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        return idleMillis % 1000 == 0 ? idleMillis / 1000 + " s" : idleMillis + " ms";
    }

    private static String peer(Socket connection) {
        return connection.getInetAddress().getHostAddress() + ":" + connection.getPort();
    }

    /**
     * Decodes one HEP packet from the agent at {@code host} ({@code peer}: with its port): whether it carried SIP or
     * media (else it is counted as {@link #ignored}). A packet with broken chunks gets a notice, once per kind of
     * fault and agent.
     */
    private boolean decode(byte[] buffer, int length, String transport, String host, String peer) {
        long now = System.currentTimeMillis() * 1000;
        boolean carried;
        String fault;
        synchronized (feed) {
            if (closed) {
                return false;
            }
            packets.incrementAndGet();
            carried = feed.hep(now, buffer, 0, length);
            if (!carried) {
                notHep.incrementAndGet();
            }
            fault = feed.hepFault();
        }
        if (fault != null && faultsTold.size() < MAX_FAULTS_TOLD && faultsTold.add(fault + "|" + host)) {
            notice("HEP over " + transport + " from " + peer + ": " + fault + "; " + (carried
                    ? "the message it carried is kept, flagged with this" : "nothing of it could be read")
                    + ". Further such packets from " + host + " are counted, not shown");
        }
        return carried;
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
