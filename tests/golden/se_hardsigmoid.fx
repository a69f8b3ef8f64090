SENet(
  (stem): Module(
    (0): Conv2d(3, 16, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))
    (1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
    (2): ReLU(inplace=True)
  )
  (se1): Module(
    (avgpool): AdaptiveAvgPool2d(output_size=1)
    (fc1): Conv2d(16, 4, kernel_size=(1, 1), stride=(1, 1))
    (activation): ReLU()
    (fc2): Conv2d(4, 16, kernel_size=(1, 1), stride=(1, 1))
    (scale_activation): Hardsigmoid()
  )
  (conv2): Conv2d(16, 24, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))
  (se2): Module(
    (pool): AdaptiveAvgPool2d(output_size=(1, 1))
    (fc): Conv2d(24, 24, kernel_size=(1, 1), stride=(1, 1))
  )
  (se3): Module(
    (pool): AdaptiveAvgPool2d(output_size=(1, 1))
    (fc): Conv2d(24, 24, kernel_size=(1, 1), stride=(1, 1))
  )
  (se4): Module(
    (pool): AdaptiveAvgPool2d(output_size=(1, 1))
    (fc): Conv2d(24, 24, kernel_size=(1, 1), stride=(1, 1))
  )
  (se5): Module(
    (pool): AdaptiveAvgPool2d(output_size=(1, 1))
    (fc): Conv2d(24, 24, kernel_size=(1, 1), stride=(1, 1))
  )
  (relu): ReLU()
  (pool): AdaptiveAvgPool2d(output_size=1)
  (fc): Linear(in_features=24, out_features=10, bias=True)
)



def forward(self, x):
    stem_0 = getattr(self.stem, "0")(x);  x = None
    stem_1 = getattr(self.stem, "1")(stem_0);  stem_0 = None
    stem_2 = getattr(self.stem, "2")(stem_1);  stem_1 = None
    se1_avgpool = self.se1.avgpool(stem_2)
    se1_fc1 = self.se1.fc1(se1_avgpool);  se1_avgpool = None
    se1_activation = self.se1.activation(se1_fc1);  se1_fc1 = None
    se1_fc2 = self.se1.fc2(se1_activation);  se1_activation = None
    se1_scale_activation = self.se1.scale_activation(se1_fc2);  se1_fc2 = None
    mul = se1_scale_activation * stem_2;  se1_scale_activation = stem_2 = None
    conv2 = self.conv2(mul);  mul = None
    se2_pool = self.se2.pool(conv2)
    se2_fc = self.se2.fc(se2_pool);  se2_pool = None
    hardsigmoid = torch.nn.functional.hardsigmoid(se2_fc, inplace = True);  se2_fc = None
    mul_1 = conv2 * hardsigmoid;  conv2 = hardsigmoid = None
    se3_pool = self.se3.pool(mul_1)
    se3_fc = self.se3.fc(se3_pool);  se3_pool = None
    hardsigmoid_1 = torch.nn.functional.hardsigmoid(se3_fc, inplace = True);  se3_fc = None
    mul_2 = torch.mul(hardsigmoid_1, mul_1);  hardsigmoid_1 = mul_1 = None
    se4_pool = self.se4.pool(mul_2)
    se4_fc = self.se4.fc(se4_pool);  se4_pool = None
    hardsigmoid_2 = torch.nn.functional.hardsigmoid(se4_fc, inplace = True);  se4_fc = None
    mul_3 = mul_2.mul(hardsigmoid_2);  mul_2 = hardsigmoid_2 = None
    se5_pool = self.se5.pool(mul_3)
    se5_fc = self.se5.fc(se5_pool);  se5_pool = None
    hardsigmoid_3 = torch.nn.functional.hardsigmoid(se5_fc, inplace = True);  se5_fc = None
    mul_4 = mul_3 * hardsigmoid_3;  mul_3 = hardsigmoid_3 = None
    relu = self.relu(mul_4);  mul_4 = None
    pool = self.pool(relu);  relu = None
    flatten = torch.flatten(pool, 1);  pool = None
    fc = self.fc(flatten);  flatten = None
    return fc
    
