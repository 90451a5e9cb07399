/**
 * CardStore's AWS topology as AWS CDK stacks, synthesized to CloudFormation.
 */
@NullMarked
package io.cardstore.infra;

import org.jspecify.annotations.NullMarked;
