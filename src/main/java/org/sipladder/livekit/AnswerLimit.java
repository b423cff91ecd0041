package org.sipladder.livekit;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Refuses an API answer larger than a bound while it is read, so a server (or anything answering at the URL) cannot
 * make the SDK's protobuf reader hold gigabytes: without it, 2 GB of well-formed protobuf took 6 GB of memory.
 */
final class AnswerLimit implements Interceptor {

    /** Thrown while reading an answer once it passes the bound. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("answer too large");
        }
    }

    private final long maxBytes;

    AnswerLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        ResponseBody body = response.body();
        if (body.contentLength() > maxBytes) {
            response.close();
            throw new TooLarge();
        }
        ForwardingSource counted = new ForwardingSource(body.source()) {
            private long read;

            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                long n = super.read(sink, byteCount);
                read += Math.max(0, n);
                if (read > maxBytes) {
                    throw new TooLarge();
                }
                return n;
            }
        };
        return response.newBuilder().body(ResponseBody.create(Okio.buffer(counted), body.contentType(),
                body.contentLength())).build();
    }
}
