Net(
  (stem): Module(
    (conv): Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
    (bn): BatchNorm2d(16, eps=1e-05, momentum=0.05, affine=True, track_running_stats=True)
  )
  (stages): Module(
    (0): Module(
      (0): Module(
        (conv): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        (bn): BatchNorm2d(16, eps=1e-05, momentum=0.05, affine=True, track_running_stats=True)
      )
      (1): Module(
        (conv): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        (bn): BatchNorm2d(16, eps=1e-05, momentum=0.05, affine=True, track_running_stats=True)
      )
    )
    (1): Module(
      (0): Module(
        (conv): Conv2d(16, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
        (bn): BatchNorm2d(32, eps=1e-05, momentum=0.05, affine=True, track_running_stats=True)
      )
      (1): Module(
        (conv): Conv2d(32, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        (bn): BatchNorm2d(32, eps=1e-05, momentum=0.05, affine=True, track_running_stats=True)
      )
    )
    (2): Module(
      (0): Module(
        (conv): Conv2d(32, 64, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
        (bn): BatchNorm2d(64, eps=1e-05, momentum=0.05, affine=True, track_running_stats=True)
      )
      (1): Module(
        (conv): Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
        (bn): BatchNorm2d(64, eps=1e-05, momentum=0.05, affine=True, track_running_stats=True)
      )
    )
  )
  (pool): AdaptiveAvgPool2d(output_size=(1, 1))
  (fc): Linear(in_features=64, out_features=10, bias=True)
)



def forward(self, x):
    stem_conv = self.stem.conv(x);  x = None
    stem_bn = self.stem.bn(stem_conv);  stem_conv = None
    relu = torch.nn.functional.relu(stem_bn, inplace = False);  stem_bn = None
    stages_0_0_conv = getattr(getattr(self.stages, "0"), "0").conv(relu);  relu = None
    stages_0_0_bn = getattr(getattr(self.stages, "0"), "0").bn(stages_0_0_conv);  stages_0_0_conv = None
    relu_1 = torch.nn.functional.relu(stages_0_0_bn, inplace = False);  stages_0_0_bn = None
    stages_0_1_conv = getattr(getattr(self.stages, "0"), "1").conv(relu_1);  relu_1 = None
    stages_0_1_bn = getattr(getattr(self.stages, "0"), "1").bn(stages_0_1_conv);  stages_0_1_conv = None
    relu_2 = torch.nn.functional.relu(stages_0_1_bn, inplace = False);  stages_0_1_bn = None
    stages_1_0_conv = getattr(getattr(self.stages, "1"), "0").conv(relu_2);  relu_2 = None
    stages_1_0_bn = getattr(getattr(self.stages, "1"), "0").bn(stages_1_0_conv);  stages_1_0_conv = None
    relu_3 = torch.nn.functional.relu(stages_1_0_bn, inplace = False);  stages_1_0_bn = None
    stages_1_1_conv = getattr(getattr(self.stages, "1"), "1").conv(relu_3);  relu_3 = None
    stages_1_1_bn = getattr(getattr(self.stages, "1"), "1").bn(stages_1_1_conv);  stages_1_1_conv = None
    relu_4 = torch.nn.functional.relu(stages_1_1_bn, inplace = False);  stages_1_1_bn = None
    stages_2_0_conv = getattr(getattr(self.stages, "2"), "0").conv(relu_4);  relu_4 = None
    stages_2_0_bn = getattr(getattr(self.stages, "2"), "0").bn(stages_2_0_conv);  stages_2_0_conv = None
    relu_5 = torch.nn.functional.relu(stages_2_0_bn, inplace = False);  stages_2_0_bn = None
    stages_2_1_conv = getattr(getattr(self.stages, "2"), "1").conv(relu_5);  relu_5 = None
    stages_2_1_bn = getattr(getattr(self.stages, "2"), "1").bn(stages_2_1_conv);  stages_2_1_conv = None
    relu_6 = torch.nn.functional.relu(stages_2_1_bn, inplace = False);  stages_2_1_bn = None
    pool = self.pool(relu_6);  relu_6 = None
    flatten = torch.flatten(pool, 1);  pool = None
    fc = self.fc(flatten);  flatten = None
    return fc
    
