package dev.hsts.autoconfigure;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.servlet.ResponseHeaderWriter;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.security.web.header.HeaderWriter;

/**
 * Spring Security {@code HeaderWriter} beans, which the starter's filter applies like its
 * own writers (see {@link HeaderWriterBeans}). Loaded only where Spring Security is on
 * the classpath: nothing in its signatures names a Spring Security type.
 */
final class SpringSecurityHeaderWriterBeans {

	private SpringSecurityHeaderWriterBeans() {
	}

	/**
	 * The names of the Spring Security {@code HeaderWriter} beans.
	 * @param beanFactory the bean factory
	 * @return the names
	 */
	static List<String> names(ListableBeanFactory beanFactory) {
		return List.of(BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory, HeaderWriter.class));
	}

	/**
	 * A Spring Security {@code HeaderWriter} bean as a writer of the starter's filter.
	 * @param bean the bean
	 * @return the writer
	 */
	static ResponseHeaderWriter adapt(Object bean) {
		return new Adapted((HeaderWriter) bean);
	}

	/**
	 * A Spring Security {@code HeaderWriter} run by the starter's filter.
	 *
	 * @param writer the bean
	 */
	record Adapted(HeaderWriter writer) implements ResponseHeaderWriter {

		@Override
		public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
			this.writer.writeHeaders(request, response);
		}

		@Override
		public String toString() {
			return this.writer.toString();
		}

	}

}
