package dev.hsts.servlet;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response that is told, once, right before it commits: before an error or a redirect
 * is sent, before the buffer is flushed (by the application, or by the writer or the
 * output stream being flushed or closed), and before the body written reaches the
 * declared content length or the buffer size, so that headers can still be written then.
 *
 * <p>
 * The body is counted in characters for the writer and in bytes for the output stream,
 * before it is passed on. Only the servlet API is used: the starter needs no Spring
 * Security.
 */
abstract class CommitDetectingResponse extends HttpServletResponseWrapper {

	private static final String CONTENT_LENGTH = "Content-Length";

	/** Whether {@link #onResponseCommitted()} ran. */
	private boolean commitNoticed;

	/** The declared content length, or 0 when none was declared. */
	private long contentLength;

	/** How much of the body was written (see the class comment). */
	private long contentWritten;

	CommitDetectingResponse(HttpServletResponse response) {
		super(response);
	}

	/**
	 * Called once, right before the response commits (or an error page is sent instead of
	 * it).
	 */
	protected abstract void onResponseCommitted();

	private void commitComing() {
		if (!this.commitNoticed) {
			this.commitNoticed = true;
			onResponseCommitted();
		}
	}

	/**
	 * Notes body written; tells of the commit when the body is complete or fills the
	 * buffer.
	 */
	private void written(long length) {
		if (this.commitNoticed) {
			return;
		}
		this.contentWritten += length;
		int bufferSize = getBufferSize();
		if ((this.contentLength > 0 && this.contentWritten >= this.contentLength)
				|| (bufferSize > 0 && this.contentWritten >= bufferSize)) {
			commitComing();
		}
	}

	private void declaredLength(String name, String value) {
		if (value != null && CONTENT_LENGTH.equalsIgnoreCase(name)) {
			try {
				declaredLength(Long.parseLong(value.trim()));
			}
			catch (NumberFormatException ex) {
				// Not a length: the container refuses or ignores it, as without this
				// wrapper.
			}
		}
	}

	private void declaredLength(long length) {
		this.contentLength = length;
		written(0);
	}

	@Override
	public void setHeader(String name, String value) {
		declaredLength(name, value);
		super.setHeader(name, value);
	}

	@Override
	public void addHeader(String name, String value) {
		declaredLength(name, value);
		super.addHeader(name, value);
	}

	@Override
	public void setIntHeader(String name, int value) {
		if (CONTENT_LENGTH.equalsIgnoreCase(name)) {
			declaredLength(value);
		}
		super.setIntHeader(name, value);
	}

	@Override
	public void addIntHeader(String name, int value) {
		if (CONTENT_LENGTH.equalsIgnoreCase(name)) {
			declaredLength(value);
		}
		super.addIntHeader(name, value);
	}

	@Override
	public void setContentLength(int length) {
		declaredLength(length);
		super.setContentLength(length);
	}

	@Override
	public void setContentLengthLong(long length) {
		declaredLength(length);
		super.setContentLengthLong(length);
	}

	@Override
	public void sendError(int status) throws IOException {
		errorStatusComing(status);
		commitComing();
		super.sendError(status);
	}

	@Override
	public void sendError(int status, String message) throws IOException {
		errorStatusComing(status);
		commitComing();
		super.sendError(status, message);
	}

	/**
	 * Sets the error's status before the writers that run when the response commits see
	 * the response, so that a writer that depends on the status (Clear-Site-Data, only on
	 * a success or a redirect) sees the error's, not the status before it.
	 */
	private void errorStatusComing(int status) {
		if (!isCommitted()) {
			super.setStatus(status);
		}
	}

	@Override
	public void sendRedirect(String location) throws IOException {
		commitComing();
		super.sendRedirect(location);
	}

	/** Servlet 6.1 (Spring Boot 4); never called on Servlet 6.0, which lacks it. */
	@Override
	public void sendRedirect(String location, int status) throws IOException {
		commitComing();
		super.sendRedirect(location, status);
	}

	/** Servlet 6.1 (Spring Boot 4); never called on Servlet 6.0, which lacks it. */
	@Override
	public void sendRedirect(String location, boolean clearBuffer) throws IOException {
		commitComing();
		super.sendRedirect(location, clearBuffer);
	}

	/** Servlet 6.1 (Spring Boot 4); never called on Servlet 6.0, which lacks it. */
	@Override
	public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
		commitComing();
		super.sendRedirect(location, status, clearBuffer);
	}

	@Override
	public void flushBuffer() throws IOException {
		commitComing();
		super.flushBuffer();
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		return new CountingOutputStream(super.getOutputStream());
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		PrintWriter writer = super.getWriter();
		return new CountingPrintWriter(new CountingWriter(writer), writer);
	}

	/**
	 * Counts what passes through to the response's writer. Every method of
	 * {@link PrintWriter} ({@code print}, {@code println}, {@code format},
	 * {@code append}) ends in one of these.
	 */
	private final class CountingWriter extends Writer {

		private final PrintWriter delegate;

		CountingWriter(PrintWriter delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int c) {
			written(1);
			this.delegate.write(c);
		}

		@Override
		public void write(char[] buffer, int offset, int length) {
			written(length);
			this.delegate.write(buffer, offset, length);
		}

		@Override
		public void write(String text, int offset, int length) {
			written(length);
			this.delegate.write(text, offset, length);
		}

		@Override
		public void flush() {
			commitComing();
			this.delegate.flush();
		}

		@Override
		public void close() {
			commitComing();
			this.delegate.close();
		}

	}

	/**
	 * The response's writer as the application sees it: a {@link PrintWriter} over a
	 * {@link CountingWriter}, whose errors are the response writer's.
	 */
	private final class CountingPrintWriter extends PrintWriter {

		private final PrintWriter delegate;

		CountingPrintWriter(CountingWriter out, PrintWriter delegate) {
			super(out, false);
			this.delegate = delegate;
		}

		/** The container's writer flushes to find errors: the response may commit. */
		@Override
		public boolean checkError() {
			commitComing();
			return super.checkError() || this.delegate.checkError();
		}

	}

	/** Counts what passes through to the response's output stream. */
	private final class CountingOutputStream extends ServletOutputStream {

		private final ServletOutputStream delegate;

		CountingOutputStream(ServletOutputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int b) throws IOException {
			written(1);
			this.delegate.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			written(length);
			this.delegate.write(bytes, offset, length);
		}

		@Override
		public void flush() throws IOException {
			commitComing();
			this.delegate.flush();
		}

		@Override
		public void close() throws IOException {
			commitComing();
			this.delegate.close();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.delegate.setWriteListener(listener);
		}

	}

}
