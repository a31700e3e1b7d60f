package im.process;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.integration.support.management.micrometer.MicrometerMetricsCaptor;
import org.springframework.stereotype.Component;

/**
 * Keeps Spring Integration from timing every message through its channels and handlers. With a
 * meter registry present it gives each of them a metrics captor, which reads the clock twice
 * and makes a sample for every inbound line and every outbound batch, even when a meter filter
 * throws the meters away (docs/performance-log.md has what that cost). Without the captor's bean the components take their plain
 * path; our {@code im.*} meters say what matters.
 */
@Component
class NoIntegrationMeters implements BeanDefinitionRegistryPostProcessor {

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition(MicrometerMetricsCaptor.MICROMETER_CAPTOR_NAME)) {
            registry.removeBeanDefinition(MicrometerMetricsCaptor.MICROMETER_CAPTOR_NAME);
        }
    }
}
