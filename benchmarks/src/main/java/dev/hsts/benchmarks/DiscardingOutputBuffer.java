package dev.hsts.benchmarks;

import java.nio.ByteBuffer;

import org.apache.coyote.OutputBuffer;

/**
 * Where the benchmarks' Tomcat responses write their bodies: the bytes are counted and
 * dropped.
 */
final class DiscardingOutputBuffer implements OutputBuffer {

	private long written;

	@Override
	public int doWrite(ByteBuffer chunk) {
		int length = chunk.remaining();
		chunk.position(chunk.limit());
		this.written += length;
		return length;
	}

	@Override
	public long getBytesWritten() {
		return this.written;
	}

}
