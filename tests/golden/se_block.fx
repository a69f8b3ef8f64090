SENet(
  (features): Module(
    (0): Module(
      (0): Conv2d(3, 16, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
      (1): BatchNorm2d(16, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
      (2): Hardswish()
    )
    (1): Module(
      (block): Module(
        (0): Module(
          (0): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), groups=16, bias=False)
          (1): BatchNorm2d(16, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
          (2): ReLU()
        )
        (1): Module(
          (avgpool): AdaptiveAvgPool2d(output_size=1)
          (fc1): Conv2d(16, 4, kernel_size=(1, 1), stride=(1, 1))
          (activation): ReLU()
          (fc2): Conv2d(4, 16, kernel_size=(1, 1), stride=(1, 1))
          (scale_activation): Hardsigmoid()
        )
        (2): Module(
          (0): Conv2d(16, 16, kernel_size=(1, 1), stride=(1, 1), bias=False)
          (1): BatchNorm2d(16, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
        )
      )
    )
    (2): Module(
      (block): Module(
        (0): Module(
          (0): Conv2d(16, 48, kernel_size=(1, 1), stride=(1, 1), bias=False)
          (1): BatchNorm2d(48, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
          (2): Module(
            (sigmoid): Module(
              (relu): ReLU6(inplace=True)
            )
          )
        )
        (1): Module(
          (0): Conv2d(48, 48, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), groups=48, bias=False)
          (1): BatchNorm2d(48, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
          (2): Module(
            (sigmoid): Module(
              (relu): ReLU6(inplace=True)
            )
          )
        )
        (2): Module(
          (0): Conv2d(48, 24, kernel_size=(1, 1), stride=(1, 1), bias=False)
          (1): BatchNorm2d(24, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
        )
      )
    )
    (3): Module(
      (block): Module(
        (0): Module(
          (0): Conv2d(24, 72, kernel_size=(1, 1), stride=(1, 1), bias=False)
          (1): BatchNorm2d(72, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
          (2): SiLU()
        )
        (1): Module(
          (0): Conv2d(72, 72, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2), groups=72, bias=False)
          (1): BatchNorm2d(72, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
          (2): SiLU()
        )
        (2): Module(
          (conv_reduce): Conv2d(72, 18, kernel_size=(1, 1), stride=(1, 1))
          (act1): SiLU(inplace=True)
          (conv_expand): Conv2d(18, 72, kernel_size=(1, 1), stride=(1, 1))
        )
        (3): Module(
          (0): Conv2d(72, 24, kernel_size=(1, 1), stride=(1, 1), bias=False)
          (1): BatchNorm2d(24, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
        )
      )
    )
    (4): Module(
      (0): Conv2d(24, 96, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (1): BatchNorm2d(96, eps=0.001, momentum=0.01, affine=True, track_running_stats=True)
      (2): Hardswish()
    )
  )
  (classifier): Module(
    (0): Linear(in_features=96, out_features=128, bias=True)
    (1): Hardswish()
    (2): Dropout(p=0.2, inplace=True)
    (3): Linear(in_features=128, out_features=10, bias=True)
  )
)



def forward(self, x):
    features_0_0 = getattr(getattr(self.features, "0"), "0")(x);  x = None
    features_0_1 = getattr(getattr(self.features, "0"), "1")(features_0_0);  features_0_0 = None
    features_0_2 = getattr(getattr(self.features, "0"), "2")(features_0_1);  features_0_1 = None
    features_1_block_0_0 = getattr(getattr(getattr(self.features, "1").block, "0"), "0")(features_0_2)
    features_1_block_0_1 = getattr(getattr(getattr(self.features, "1").block, "0"), "1")(features_1_block_0_0);  features_1_block_0_0 = None
    features_1_block_0_2 = getattr(getattr(getattr(self.features, "1").block, "0"), "2")(features_1_block_0_1);  features_1_block_0_1 = None
    features_1_block_1_avgpool = getattr(getattr(self.features, "1").block, "1").avgpool(features_1_block_0_2)
    features_1_block_1_fc1 = getattr(getattr(self.features, "1").block, "1").fc1(features_1_block_1_avgpool);  features_1_block_1_avgpool = None
    features_1_block_1_activation = getattr(getattr(self.features, "1").block, "1").activation(features_1_block_1_fc1);  features_1_block_1_fc1 = None
    features_1_block_1_fc2 = getattr(getattr(self.features, "1").block, "1").fc2(features_1_block_1_activation);  features_1_block_1_activation = None
    features_1_block_1_scale_activation = getattr(getattr(self.features, "1").block, "1").scale_activation(features_1_block_1_fc2);  features_1_block_1_fc2 = None
    mul = features_1_block_1_scale_activation * features_1_block_0_2;  features_1_block_1_scale_activation = features_1_block_0_2 = None
    features_1_block_2_0 = getattr(getattr(getattr(self.features, "1").block, "2"), "0")(mul);  mul = None
    features_1_block_2_1 = getattr(getattr(getattr(self.features, "1").block, "2"), "1")(features_1_block_2_0);  features_1_block_2_0 = None
    add = features_1_block_2_1 + features_0_2;  features_1_block_2_1 = features_0_2 = None
    features_2_block_0_0 = getattr(getattr(getattr(self.features, "2").block, "0"), "0")(add);  add = None
    features_2_block_0_1 = getattr(getattr(getattr(self.features, "2").block, "0"), "1")(features_2_block_0_0);  features_2_block_0_0 = None
    add_1 = features_2_block_0_1 + 3
    features_2_block_0_2_sigmoid_relu = getattr(getattr(getattr(self.features, "2").block, "0"), "2").sigmoid.relu(add_1);  add_1 = None
    truediv = features_2_block_0_2_sigmoid_relu / 6;  features_2_block_0_2_sigmoid_relu = None
    mul_1 = features_2_block_0_1 * truediv;  features_2_block_0_1 = truediv = None
    features_2_block_1_0 = getattr(getattr(getattr(self.features, "2").block, "1"), "0")(mul_1);  mul_1 = None
    features_2_block_1_1 = getattr(getattr(getattr(self.features, "2").block, "1"), "1")(features_2_block_1_0);  features_2_block_1_0 = None
    add_2 = features_2_block_1_1 + 3
    features_2_block_1_2_sigmoid_relu = getattr(getattr(getattr(self.features, "2").block, "1"), "2").sigmoid.relu(add_2);  add_2 = None
    truediv_1 = features_2_block_1_2_sigmoid_relu / 6;  features_2_block_1_2_sigmoid_relu = None
    mul_2 = features_2_block_1_1 * truediv_1;  features_2_block_1_1 = truediv_1 = None
    features_2_block_2_0 = getattr(getattr(getattr(self.features, "2").block, "2"), "0")(mul_2);  mul_2 = None
    features_2_block_2_1 = getattr(getattr(getattr(self.features, "2").block, "2"), "1")(features_2_block_2_0);  features_2_block_2_0 = None
    features_3_block_0_0 = getattr(getattr(getattr(self.features, "3").block, "0"), "0")(features_2_block_2_1)
    features_3_block_0_1 = getattr(getattr(getattr(self.features, "3").block, "0"), "1")(features_3_block_0_0);  features_3_block_0_0 = None
    features_3_block_0_2 = getattr(getattr(getattr(self.features, "3").block, "0"), "2")(features_3_block_0_1);  features_3_block_0_1 = None
    features_3_block_1_0 = getattr(getattr(getattr(self.features, "3").block, "1"), "0")(features_3_block_0_2);  features_3_block_0_2 = None
    features_3_block_1_1 = getattr(getattr(getattr(self.features, "3").block, "1"), "1")(features_3_block_1_0);  features_3_block_1_0 = None
    features_3_block_1_2 = getattr(getattr(getattr(self.features, "3").block, "1"), "2")(features_3_block_1_1);  features_3_block_1_1 = None
    mean = features_3_block_1_2.mean((2, 3), keepdim = True)
    features_3_block_2_conv_reduce = getattr(getattr(self.features, "3").block, "2").conv_reduce(mean);  mean = None
    features_3_block_2_act1 = getattr(getattr(self.features, "3").block, "2").act1(features_3_block_2_conv_reduce);  features_3_block_2_conv_reduce = None
    features_3_block_2_conv_expand = getattr(getattr(self.features, "3").block, "2").conv_expand(features_3_block_2_act1);  features_3_block_2_act1 = None
    hardsigmoid = torch.nn.functional.hardsigmoid(features_3_block_2_conv_expand, inplace = False);  features_3_block_2_conv_expand = None
    mul_3 = features_3_block_1_2 * hardsigmoid;  features_3_block_1_2 = hardsigmoid = None
    features_3_block_3_0 = getattr(getattr(getattr(self.features, "3").block, "3"), "0")(mul_3);  mul_3 = None
    features_3_block_3_1 = getattr(getattr(getattr(self.features, "3").block, "3"), "1")(features_3_block_3_0);  features_3_block_3_0 = None
    add_3 = features_3_block_3_1 + features_2_block_2_1;  features_3_block_3_1 = features_2_block_2_1 = None
    features_4_0 = getattr(getattr(self.features, "4"), "0")(add_3);  add_3 = None
    features_4_1 = getattr(getattr(self.features, "4"), "1")(features_4_0);  features_4_0 = None
    features_4_2 = getattr(getattr(self.features, "4"), "2")(features_4_1);  features_4_1 = None
    mean_1 = features_4_2.mean([2, 3]);  features_4_2 = None
    silu = torch.nn.functional.silu(mean_1, inplace = False);  mean_1 = None
    classifier_0 = getattr(self.classifier, "0")(silu);  silu = None
    classifier_1 = getattr(self.classifier, "1")(classifier_0);  classifier_0 = None
    classifier_2 = getattr(self.classifier, "2")(classifier_1);  classifier_1 = None
    classifier_3 = getattr(self.classifier, "3")(classifier_2);  classifier_2 = None
    return classifier_3
    
