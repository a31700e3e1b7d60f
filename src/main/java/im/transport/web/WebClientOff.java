package im.transport.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** With {@code im.web.enabled=false} the public listener serves nothing: no page, no /ws. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "im.web.enabled", havingValue = false)
class WebClientOff {

    @Bean
    FilterRegistrationBean<?> nothingServed() {
        return new FilterRegistrationBean<>((request, response, chain) ->
                ((HttpServletResponse) response).sendError(HttpServletResponse.SC_NOT_FOUND));
    }
}
