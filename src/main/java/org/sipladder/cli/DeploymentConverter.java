package org.sipladder.cli;

import org.sipladder.livekit.Deployment;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --livekit-deployment cloud|self-hosted}. */
final class DeploymentConverter implements ITypeConverter<Deployment> {

    static final String DESCRIPTION = "cloud or self-hosted: how LiveKit answers a call no trunk accepts "
            + "(default: decided from the capture and --livekit-url, else cloud)";

    @Override
    public Deployment convert(String value) {
        try {
            return Deployment.fromOptionName(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
